import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSigningKey } from './signingKey';

describe("the playback origin's key file", () => {
  const dir = mkdtempSync(join(tmpdir(), 'signing-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is made on first use and read back the same afterwards', () => {
    const file = join(dir, 'nested', 'key.json');
    const made = loadSigningKey(file);
    expect(made.keyPairId).toMatch(/^K[0-9A-F]{14}$/);
    expect(loadSigningKey(file)).toEqual(made);
  });

  it('refuses a file it did not write, saying how to start over, rather than replace it', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify({ keyPairId: 'nope' }));
    expect(() => loadSigningKey(file)).toThrow(`${file} is not a key pair it wrote: delete it`);
  });
});
