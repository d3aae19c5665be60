import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as z from 'zod';

const signingKeySchema = z.strictObject({ keyPairId: z.string().regex(/^K[0-9A-F]+$/), privateKeyPem: z.string().min(1), publicKeyPem: z.string().min(1) });
export type SigningKey = z.infer<typeof signingKeySchema>;

const newSigningKey = (): SigningKey => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  return { keyPairId: `K${randomBytes(7).toString('hex').toUpperCase()}`, privateKeyPem: privateKey, publicKeyPem: publicKey };
};

/**
 * The distribution's key pair (CloudFront's public key in a trusted key group), kept in `file` across restarts as
 * CloudFront keeps it: a grant handed out before a restart still plays after it. Made on first use, written owner-only
 * (it holds a private key) and atomically; a file that does not parse is an error, not silently replaced.
 * Without a file, a key for this run only.
 */
export const loadSigningKey = (file: string | undefined): SigningKey => {
  if (file === undefined) return newSigningKey();
  if (existsSync(file)) {
    const parsed = signingKeySchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`The playback origin's key file ${file} is not a key pair it wrote: delete it to make a new one (grants handed out before stop playing).`);
    return parsed.data;
  }
  const key = newSigningKey();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(key), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return key;
};
