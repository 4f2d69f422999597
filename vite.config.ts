import tailwindcss from '@tailwindcss/vite'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

import { pageShells } from './scripts/build/page-shells.ts'

export default defineConfig({
  plugins: [react(), tailwindcss(), pageShells()],
  server: {
    port: 5173,
    proxy: {
      // `npm run dev` talks to the dashboard server started by `npm start`.
      '/api': `http://127.0.0.1:${process.env.PORT ?? '8080'}`,
      // Sign-in (AUTH_MODE=oidc) goes through the same server.
      '/auth': `http://127.0.0.1:${process.env.PORT ?? '8080'}`,
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything the first page needs stays in the entry chunk, as it
          // did before the embed chunk existed.
          // UPSTREAM: without this group Rolldown moves modules the entry
          // already loads into an extra eagerly loaded chunk once a third
          // lazy route shares them: https://github.com/rolldown/rolldown/issues/10731
          groups: [{ name: 'index', tags: ['$initial'] }],
        },
      },
    },
  },
  test: {
    include: [
      'src/**/*.test.{ts,tsx}',
      'server/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
})
