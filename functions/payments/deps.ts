import { eventStore } from '../shared/eventStore';
import { readPaymentsConfig, type PaymentsConfig } from './config';
import { createRazorpayGateway, type PaymentGateway } from './gateway';

let config: PaymentsConfig | undefined;
let gateway: PaymentGateway | undefined;

/** This container's payments configuration, gateway client and event store: made once, on first use. */
export const paymentsDeps = (env: Readonly<Record<string, string | undefined>> = process.env) => {
  config ??= readPaymentsConfig(env);
  gateway ??= createRazorpayGateway(config);
  return { config, gateway, store: eventStore(env) };
};
