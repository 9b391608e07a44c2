// Builds the Node side of browser mode into plain JavaScript, so `npm start` and `npm run lab`
// run one `node` process (no tsx, no TypeScript compiler at start):
//   out/host/web-host.js  ← electron/web-host/cli.ts
//   out/host/lab.js       ← electron/lab/cli.ts
// The pure-JavaScript npm packages (zod, ws) are bundled in too: resolving and compiling their many
// small files at every start took seconds on a loaded machine (issue 19: browser mode ready < 1 s).
// Native and Electron-only packages, werift (large, loaded only by the lab's simulated callers) and
// ws's optional native helpers stay external, resolved from node_modules at run time. The lock file
// is in the build stamp, so updated packages rebuild.
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { root } from './ensure-deps.mjs';

export const HOST_OUT_DIR = join(root, 'out', 'host');
export const HOST_ENTRIES = {
  'web-host': join(root, 'electron', 'web-host', 'cli.ts'),
  lab: join(root, 'electron', 'lab', 'cli.ts'),
};

/**
 * Modules find their files next to themselves (`import.meta.url`: the lab's config, the recorded
 * complaints). In one bundle every module would see the bundle's own URL, so each source's
 * `import.meta.url` becomes its original file's URL, computed relative to the bundle: the build
 * still works when the checkout is moved.
 */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (args.path.includes('node_modules') || !source.includes('import.meta.url')) return undefined;
      const fromOut = relative(HOST_OUT_DIR, args.path).split('\\').join('/');
      const replaced = source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromOut)}, import.meta.url).href`);
      return { contents: replaced, loader: 'ts', resolveDir: dirname(args.path) };
    });
  },
};

/** Left to node_modules at run time (see above). */
const EXTERNAL = ['better-sqlite3', 'electron', 'werift', 'bufferutil', 'utf-8-validate'];

/** Builds both entries; resolves with esbuild's result (warnings are printed by esbuild). */
export async function buildHost({ quiet = false } = {}) {
  // Chunk names carry a content hash: clear the last build's, or they pile up.
  await rm(HOST_OUT_DIR, { recursive: true, force: true });
  return build({
    entryPoints: HOST_ENTRIES,
    outdir: HOST_OUT_DIR,
    bundle: true,
    // Lazy parts (the simulated customer, with werift) go to their own chunk, loaded when first used.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    external: EXTERNAL,
    // Bundled CommonJS (ws) calls require() for Node's own modules and its optional helpers.
    banner: {
      js: "import { createRequire as warmlineCreateRequire } from 'node:module';\nconst require = warmlineCreateRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    // Chunks beside the entries: every output file's import.meta.url is one folder deep in out/.
    chunkNames: 'chunk-[hash]',
    plugins: [ownImportMetaUrl],
    logLevel: quiet ? 'error' : 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildHost();
}
