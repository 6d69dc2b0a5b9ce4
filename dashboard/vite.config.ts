import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

// The gateway serves dist/ at /screen/ and GraphQL (HTTP and graphql-ws) at /graphql on the
// same origin, so the bundle holds no server address and works behind any host name.
export default defineConfig({
  base: '/screen/',
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // One bundle (ECharts is most of it) loaded once by a screen that then runs for days.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // dev only: forward GraphQL to a locally started gateway (default port 4000)
    proxy: {
      '/graphql': { target: 'http://localhost:4000', ws: true, changeOrigin: true },
    },
  },
})
