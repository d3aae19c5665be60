import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The app's runtime settings (API URL, Cognito ids) come from /config.json at load, never from the build.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // hls.js alone is ~580 kB minified (its own chunk, loaded on first play).
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 700 },
});
