import { createServer } from 'node:net';
import { assertPortFree, PortInUseError } from './portCheck';

describe('assertPortFree', () => {
  it('names the port, the part and the variable to change when the port is taken', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const address = server.address();
    const port = address !== null && typeof address === 'object' ? address.port : 0;
    try {
      const failure = assertPortFree(port, 'API', 'SHOWRUNNER_API_PORT');
      await expect(failure).rejects.toBeInstanceOf(PortInUseError);
      await expect(failure).rejects.toThrow(`port ${port} (API) is already in use: stop whatever holds it (is another npm start running?) or set SHOWRUNNER_API_PORT to another port`);
    } finally {
      server.close();
    }
    await expect(assertPortFree(port, 'API', 'SHOWRUNNER_API_PORT')).resolves.toBeUndefined();
  });
});
