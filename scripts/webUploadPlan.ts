import { extname } from 'node:path';

export interface Upload {
  readonly key: string;
  readonly contentType: string;
  readonly cacheControl: string;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * What a deploy puts in the web bucket, in order: the hashed assets first (cached for good: a new build has new names),
 * then the rest with index.html last (revalidated on every load), so a browser never gets an index.html whose assets
 * are not there yet. Source maps stay out of the public site; config.json is the edge's (web/resources.yml).
 */
export const webUploadPlan = (files: readonly string[]): Upload[] =>
  files
    .map((file) => file.split('\\').join('/'))
    .filter((key) => extname(key) !== '.map' && key !== 'config.json')
    .map((key) => ({
      key,
      contentType: contentTypes[extname(key)] ?? 'application/octet-stream',
      cacheControl: key.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    }))
    .sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));

const rank = (key: string): number => (key.startsWith('assets/') ? 0 : key === 'index.html' ? 2 : 1);
