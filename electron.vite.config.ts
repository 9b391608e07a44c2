import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './shared/security/csp';
import { appPreload } from './scripts/lib/app-preload';
import { assistContentCheck } from './scripts/lib/assist-content-check';
import { jsShippedReport, START_JS_BUDGET } from './scripts/lib/js-shipped-report';

/** A build for profiling only: unminified, so a CPU profile names functions; the start budget is for minified code. */
const UNMINIFIED = process.env.WARMLINE_UNMINIFIED === '1';

const DEBUG_SHIM = resolve(__dirname, 'renderer/src/phone/debug/debug-shim.cjs');

/** The CSP as a meta tag in the built index.html, so it holds under file:// in Electron too. */
const contentSecurityPolicy: Plugin = {
  name: 'warmline-csp',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
      injectTo: 'head-prepend',
    },
  ],
};

// One config for the three Electron bundles. The preload is a single CommonJS file with every
// import inlined: a sandboxed preload may only `require('electron')`, nothing from disk.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      lib: { entry: resolve(__dirname, 'electron/main/index.ts') },
      rollupOptions: { external: ['better-sqlite3', 'electron'] },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      lib: { entry: resolve(__dirname, 'electron/preload/index.ts') },
      rollupOptions: {
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    // The build fails past the start budget (tests/integration/build/start-budget.test.ts checks it too).
    plugins: [
      react(),
      contentSecurityPolicy,
      assistContentCheck(),
      appPreload(),
      jsShippedReport({ budget: UNMINIFIED ? undefined : START_JS_BUDGET }),
    ],
    // JsSIP's `debug` (with `ms`) only printed when enabled: a small shim in its place (issue 19).
    resolve: { alias: [{ find: /^debug$/, replacement: DEBUG_SHIM }] },
    // Scripts in ASCII (other characters escaped): one character outside Latin-1 (a ’ or … in a
    // string) makes Chromium hold the whole script's source in two bytes a character, 0.6 MB more
    // for the start chunk alone (issue 19: renderer USS in call, tests/bench/uss-in-call.ts).
    esbuild: { charset: 'ascii' },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // Minified: electron-vite leaves the renderer as it is by default, and every byte is parsed at start (issue 19).
      // Terser rather than esbuild: two compress passes over ES modules, 586.6 -> 576.0 KB at start (issue 19).
      minify: UNMINIFIED ? false : 'terser',
      terserOptions: {
        module: true,
        ecma: 2020,
        compress: { passes: 2 },
        // ASCII as esbuild's charset above: one character past Latin-1 doubles the script's memory.
        format: { ascii_only: true },
      },
      emptyOutDir: true,
      rollupOptions: {
        input: resolve(__dirname, 'renderer/index.html'),
        // shared/ is pure (DESIGN.md): a module of it none of whose exports the renderer uses, reached
        // through a barrel such as shared/host-api/index.ts, is left out with its zod schemas (issue 19).
        treeshake: { moduleSideEffects: (id) => !/[\\/]shared[\\/][^\0]*\.ts$/.test(id) },
      },
      // The shim is CommonJS, as `debug` is (JsSIP calls require('debug')(…)): converted like node_modules.
      commonjsOptions: { include: [/node_modules/, /debug-shim\.cjs$/] },
    },
  },
});
