export type * from './commands';
export { premiumDecider, decidePremium, type PremiumDeciderConfig } from './decide';
export { evolvePremium } from './evolve';
export { premiumEventRegistry, type PremiumEvent } from './events';
export { decidePlayback, type PlaybackDecision, type ShowAccess } from './entitlement';
export { addMonths, defaultPriceList, planMonthsSchema, type PlanMonths, type PriceList } from './plans';
export { premiumRefusalCodes } from './refusals';
export { hmacHex, paymentSignatureValid, webhookSignatureValid } from './signature';
export { initialPremiumState, premiumActiveAt, premiumStateSchema, premiumStreamId, type PremiumState } from './state';
