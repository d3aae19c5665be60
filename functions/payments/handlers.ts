import { paymentsApi } from './api';
import { paymentsDeps } from './deps';

/** The payment routes of functions/accounts/functions.yml, wired to this container's ports (variables checked at load). */
const api = paymentsApi(paymentsDeps());

export const createOrder = api.createOrder;
export const confirm = api.confirm;
export const webhook = api.webhook;
