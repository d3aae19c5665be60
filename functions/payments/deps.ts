import { eventStore } from '../runtime/eventStore';
import { loadPaymentsConfig, readPaymentsSettings, type PaymentsConfig } from './config';
import { createRazorpayGateway, type PaymentGateway } from './gateway';
import type { ParameterReader } from '../runtime/secrets';

let ready: Promise<{ config: PaymentsConfig; gateway: PaymentGateway }> | undefined;

/** Fails the cold start when a variable is missing; the secrets themselves are read on first use. */
export const checkPaymentsSettings = (env: Readonly<Record<string, string | undefined>> = process.env): void => void readPaymentsSettings(env);

/**
 * This container's payments configuration (secrets read once), gateway client and event store. A failed read is
 * not kept: the next invocation tries again (SSM may have throttled), while a bad value fails every time.
 */
export const paymentsDeps = async (env: Readonly<Record<string, string | undefined>> = process.env, read?: ParameterReader) => {
  ready ??= loadPaymentsConfig(env, read).then((config) => ({ config, gateway: createRazorpayGateway(config) }));
  const loading = ready;
  try {
    return { ...(await loading), store: eventStore(env) };
  } catch (error) {
    if (ready === loading) ready = undefined;
    throw error;
  }
};
