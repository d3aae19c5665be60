import { premiumActiveAt, type PremiumState } from './state';

/** What playback needs to know about a show: whether it is out, and whether it is premium. */
export interface ShowAccess {
  readonly published: boolean;
  readonly premium: boolean;
}

export type PlaybackDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: 'SHOW_NOT_PUBLISHED' | 'PREMIUM_REQUIRED' | 'SUBSCRIPTION_EXPIRED'; readonly message: string };

/** May this viewer watch this show now? Free shows: anyone signed in; premium shows: an active subscription. */
export const decidePlayback = (show: ShowAccess, premium: PremiumState, now: string): PlaybackDecision => {
  if (!show.published) return { allowed: false, reason: 'SHOW_NOT_PUBLISHED', message: 'this show is not published' };
  if (!show.premium || premiumActiveAt(premium, new Date(now).toISOString())) return { allowed: true };
  if (premium.endsAt !== null)
    return { allowed: false, reason: 'SUBSCRIPTION_EXPIRED', message: `your premium subscription ended at ${premium.endsAt}; renew it with POST /premium/orders` };
  return { allowed: false, reason: 'PREMIUM_REQUIRED', message: 'this show is premium: subscribe with POST /premium/orders' };
};
