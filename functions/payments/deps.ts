import type { EventStore } from '../../adapters/eventstore';
import { systemClock, type Clock } from '../runtime/clock';
import type { Env } from '../runtime/config';
import { eventStore } from '../runtime/eventStore';
import { logger } from '../runtime/logger';
import type { ParameterReader } from '../runtime/secrets';
import { loadPaymentsConfig, readPaymentsSettings, type PaymentsConfig } from './config';
import { createRazorpayGateway, type PaymentGateway } from './gateway';

/** The configuration with its secrets, and the gateway client made with them. */
export interface ConfiguredGateway {
  readonly config: PaymentsConfig;
  readonly gateway: PaymentGateway;
}

/** A webhook acknowledged (2xx, so Razorpay stops retrying) without being acted on, and why. */
export interface WebhookRejection {
  readonly eventId: string | undefined;
  readonly event: string | undefined;
  readonly reason: string;
}

/** The ports of the payment routes; paymentsApi is built on them once per container, tests give their own. */
export interface PaymentsDeps {
  readonly store: EventStore;
  /** Secrets are read on first use (SSM on AWS) and kept; a failed read is tried again at the next call. */
  readonly gateway: () => Promise<ConfiguredGateway>;
  readonly clock: Clock;
  /** Where an acknowledged but unused webhook is recorded, for an operator to find. */
  readonly recordRejection: (rejection: WebhookRejection) => void;
}

/** Keeps the first successful load; a failed one is forgotten so the next call retries (SSM may have throttled). */
const loadOnce = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let ready: Promise<T> | undefined;
  return async () => {
    const loading = (ready ??= load());
    try {
      return await loading;
    } catch (error) {
      if (ready === loading) ready = undefined;
      throw error;
    }
  };
};

/**
 * This container's payment ports from its environment. The variables are checked here, at load, so a function
 * missing one fails its cold start naming it; the secrets' values are read on first use.
 */
export const paymentsDeps = (env: Env = process.env, read?: ParameterReader): PaymentsDeps => {
  readPaymentsSettings(env);
  return {
    store: eventStore(env),
    gateway: loadOnce(async () => {
      const config = await loadPaymentsConfig(env, read);
      return { config, gateway: createRazorpayGateway(config) };
    }),
    clock: systemClock,
    recordRejection: (rejection) => logger.warn('razorpay webhook acknowledged without effect', { ...rejection }),
  };
};
