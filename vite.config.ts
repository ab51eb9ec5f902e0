import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is static: `vite build` output works offline once loaded.
export default defineConfig({
  plugins: [react()],
  base: './',
  worker: {
    format: 'es',
    // Vite 8's minifier breaks tfjs-backend-wasm's thread workers (setBackend hangs).
    rolldownOptions: { output: { minify: false } },
  },
  optimizeDeps: {
    // Listed so that the first worker load does not re-optimise and reload the page.
    include: [
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-backend-webgl',
      '@tensorflow/tfjs-backend-webgpu',
      '@tensorflow/tfjs-backend-wasm',
      'comlink',
      'fflate',
      'papaparse',
    ],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
