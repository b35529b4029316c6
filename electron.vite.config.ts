import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer.vite.shared.mts';

// Main and preload are CommonJS: a sandboxed preload must be, and CJS avoids the injected
// __dirname clashing with ours.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      lib: {
        entry: {
          main: resolve(__dirname, 'electron/main.ts'),
          // Worker threads, found next to main.js as in serve mode (out/cli/*.cjs): the dispatch
          // listener, the dashboard computation and the deferred integrity check of a large
          // database (server/integrity) stay off the main process's thread.
          'capacity-worker': resolve(__dirname, 'server/capacity/worker.ts'),
          'report-worker': resolve(__dirname, 'server/interchange/report-worker.ts'),
          'integrity-worker': resolve(__dirname, 'server/integrity/worker.ts'),
        },
        formats: ['cjs'],
      },
      rollupOptions: {
        external: ['better-sqlite3', 'electron'],
        output: {
          entryFileNames: (chunk) => (chunk.name === 'main' ? 'main.js' : '[name].cjs'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require() packages: bundle zod and our core into it.
      externalizeDeps: false,
      outDir: 'out/preload',
      lib: {
        entry: {
          preload: resolve(__dirname, 'electron/preload.ts'),
          // The recovery-key window's (electron/recovery-window.ts): it sees no contract method.
          'recovery-preload': resolve(__dirname, 'electron/recovery-preload.ts'),
        },
        formats: ['cjs'],
      },
      rollupOptions: { external: ['electron'] },
    },
  },
  renderer: {
    ...rendererConfig,
    root: resolve(__dirname, 'renderer'),
    build: {
      ...rendererConfig.build,
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
