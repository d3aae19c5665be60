import { join } from 'node:path';
import { ensureWebBuilt } from '../web/build';
import { startWebServer } from '../web/server';

export interface WebAppWiring {
  /** The folder of serverless.yml and package.json: web/ and node_modules/ are there. */
  readonly serviceDir: string;
  /** SHOWRUNNER_WEB_PORT (5173 by default), 0 for a free one. */
  readonly port: number;
  readonly apiUrl: string;
  readonly paymentsUrl: string;
}

/** The web app beside the API: built when stale, served with a config.json pointing at this stack's API. */
export const startWebApp = async (wiring: WebAppWiring, log: (line: string) => void) => {
  await ensureWebBuilt(wiring.serviceDir, log);
  return startWebServer({ distDir: join(wiring.serviceDir, 'web', 'dist'), port: wiring.port, apiUrl: wiring.apiUrl, paymentsUrl: wiring.paymentsUrl });
};
