import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// In development the API runs separately; proxying keeps the browser on one
// origin, exactly as in production where NestJS serves both.
const backend = process.env.CREATORSYNC_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: {
      '/api': backend,
      '/health': backend,
    },
  },
});
