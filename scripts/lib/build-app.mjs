// Builds the whole app into out/: the Electron bundles and the renderer (electron-vite), and the
// Node side of browser mode (esbuild, build-host.mjs). `buildIfChanged` skips both when the build
// stamp says out/ was made from exactly the current sources.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildHost } from './build-host.mjs';
import { buildIsCurrent, sourceHash, writeBuildStamp } from './build-stamp.mjs';
import { root } from './ensure-deps.mjs';

/**
 * `quiet`: electron-vite's chunk list and Rollup's notes about comments inside dependencies
 * (zod's `@__PURE__` annotations, harmless) are kept for a failure and not shown otherwise:
 * someone running `npm start` needs to know it builds and whether it worked, not the bundle map.
 */
export async function buildApp({ quiet = false } = {}) {
  const hash = sourceHash(root);
  const started = Date.now();
  const vite = spawnSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], {
    cwd: root,
    stdio: quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (vite.status !== 0) {
    if (quiet) process.stderr.write(`${vite.stdout ?? ''}${vite.stderr ?? ''}`);
    throw new Error(`electron-vite build failed (exit ${vite.status ?? vite.signal})`);
  }
  await buildHost({ quiet });
  writeBuildStamp(root, hash);
  return Date.now() - started;
}

/** Builds when the sources changed since the last build (or out/ is incomplete); says which. */
export async function buildIfChanged({ quiet = true, log = console.log } = {}) {
  const hash = sourceHash(root);
  if (buildIsCurrent(root, hash)) return false;
  log('Building Warmline (first start, or the sources changed)…');
  const ms = await buildApp({ quiet });
  log(`Built in ${(ms / 1000).toFixed(1)} s.`);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildApp();
}
