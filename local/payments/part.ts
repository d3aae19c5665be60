import { join } from 'node:path';
import { z } from 'zod';
import type { LocalService } from '../config';
import { localGatewayCredentials, startPaymentGatewaySimulator } from './simulator';

const portSchema = z.coerce.number().int().min(0).max(65535).default(4580);

// The key and secrets of the first payment function that has them; the simulator's own when none does.
const configuredCredentials = (service: LocalService) => {
  const configured = service.functions.find((f) => f.environment.RAZORPAY_KEY_SECRET !== undefined)?.environment;
  return {
    keyId: configured?.RAZORPAY_KEY_ID ?? localGatewayCredentials.keyId,
    keySecret: configured?.RAZORPAY_KEY_SECRET ?? localGatewayCredentials.keySecret,
    webhookSecret: configured?.RAZORPAY_WEBHOOK_SECRET ?? localGatewayCredentials.webhookSecret,
  };
};

/**
 * The Razorpay simulator of `npm start`, on its own port (SHOWRUNNER_PAYMENTS_PORT, default 4580; a free port when
 * the API's is, as in tests). It uses the key and secrets the payment functions are configured with in
 * serverless.yml, so both sides agree without a second copy of them. Orders and payments live under the data dir.
 */
export const startLocalPaymentGateway = async (service: LocalService, apiPort: number, dataDir?: string, env: Readonly<Record<string, string | undefined>> = process.env) => {
  const simulator = await startPaymentGatewaySimulator({
    ...configuredCredentials(service),
    port: apiPort === 0 ? 0 : portSchema.parse(env.SHOWRUNNER_PAYMENTS_PORT),
    // Under the data dir like every part's state: orders outlive a restart, as Razorpay's do.
    ...(dataDir === undefined ? {} : { stateFile: join(dataDir, 'payments', 'gateway.json') }),
  });
  return {
    endpoint: simulator.endpoint,
    simulator,
    /** What the payment functions read to reach it instead of api.razorpay.com. */
    environment: { RAZORPAY_API_URL: simulator.endpoint },
    stop: simulator.stop,
  };
};
