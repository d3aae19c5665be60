import { paymentsApi } from '../api';
import { paymentsDeps } from '../deps';

/** `confirmPremiumPayment` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = paymentsApi(paymentsDeps()).confirm;
