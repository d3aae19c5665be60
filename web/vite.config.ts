import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The app's runtime settings (API URL, Cognito ids) come from /config.json at load, never from the build.
export default defineConfig({
  root: __dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
