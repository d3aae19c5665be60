import { createServer } from 'node:net';

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    what: string,
    variable: string,
  ) {
    super(`port ${port} (${what}) is already in use: stop whatever holds it (is another npm start running?) or set ${variable} to another port`);
    this.name = 'PortInUseError';
  }
}

/** Fails before anything starts, so a busy port never leaves half a stack running. Port 0 is always free. */
export const assertPortFree = (port: number, what: string, variable: string): Promise<void> =>
  port === 0
    ? Promise.resolve()
    : new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', () => reject(new PortInUseError(port, what, variable)));
        server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
      });
