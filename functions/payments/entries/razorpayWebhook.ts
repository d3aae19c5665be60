import { paymentsDeps } from '../deps';
import { razorpayWebhook } from '../webhook';

/** `razorpayWebhook` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = razorpayWebhook(paymentsDeps());
