import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// Built into the jar the gateway serves at / (same origin as /api: no CORS, the session cookie just works).
export default defineConfig({
  plugins: [vue()],
  build: { outDir: 'target/classes/static', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  test: { environment: 'happy-dom' },
})
