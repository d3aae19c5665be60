import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const require = createRequire(import.meta.url);
const hlsDir = dirname(require.resolve('hls.js/package.json'));
const hlsVersion = (JSON.parse(readFileSync(join(hlsDir, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * hls.js built from its own sources (shipped in the package) with only the features the app uses: adaptive HLS with
 * alternate audio, subtitles and CMCD; no DRM, interstitials, content steering, I-frame playlists or variable
 * substitution. Its full build is ~180 kB gzipped; this one is what keeps a viewer's page under 250 kB.
 */
const hlsFeatures = {
  __VERSION__: JSON.stringify(hlsVersion),
  __USE_ALT_AUDIO__: 'true',
  __USE_SUBTITLES__: 'true',
  __USE_CMCD__: 'true',
  __USE_EME_DRM__: 'false',
  __USE_CONTENT_STEERING__: 'false',
  __USE_VARIABLE_SUBSTITUTION__: 'false',
  __USE_M2TS_ADVANCED_CODECS__: 'false',
  __USE_MEDIA_CAPABILITIES__: 'false',
  __USE_INTERSTITIALS__: 'false',
  __USE_IFRAMES__: 'false',
};

// The app's runtime settings (API URL, Cognito ids) come from /config.json at load, never from the build.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  define: hlsFeatures,
  resolve: { alias: [{ find: /^hls\.js$/, replacement: join(hlsDir, 'src', 'exports-default.ts') }] },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
