// `npm run screenshots`: regenerates the README pictures in docs/screenshots from the real app.
// The end-to-end stories that call snap() take them at the moments an agent sees; this builds the
// renderer and runs just those files, as root inside a loopback-only network namespace like
// `npm test`, with WARMLINE_SCREENSHOT_DIR pointing at docs/screenshots.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDebianPackages, ensureNodeModules, hasCommand, npx, root } from './lib/ensure-deps.mjs';

ensureDebianPackages(['chromium', 'kamailio', 'kamailio-websocket-modules', 'kamailio-presence-modules']);
ensureNodeModules();
npx(['electron-vite', 'build']);

// Found by reading the files, so a story that starts taking pictures is included without a list to keep.
const e2e = join('tests', 'e2e');
const files = readdirSync(join(root, e2e))
  .filter((name) => name.endsWith('.test.ts') && /\bsnap\(/.test(readFileSync(join(root, e2e, name), 'utf8')))
  .sort()
  .map((name) => join(e2e, name));
if (files.length === 0) {
  console.error('No end-to-end story calls snap(): nothing to take.');
  process.exit(1);
}

const outDir = join(root, 'docs', 'screenshots');
const vitest = [join(root, 'node_modules', '.bin', 'vitest'), 'run', '--project', 'e2e', ...files, ...process.argv.slice(2)];
const env = { ...process.env, WARMLINE_SCREENSHOT_DIR: outDir };
const isolate = process.getuid?.() === 0 && hasCommand('unshare') && process.env.WARMLINE_TEST_NETNS !== '0';
const quoted = vitest.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
const result = isolate
  ? spawnSync('unshare', ['--net', 'sh', '-c', `ip link set lo up && exec ${quoted}`], { cwd: root, stdio: 'inherit', env })
  : spawnSync(vitest[0], vitest.slice(1), { cwd: root, stdio: 'inherit', env });
if (!isolate) console.warn('Note: not root, so the stories ran without a loopback-only network namespace.');
console.log(
  `${result.status === 0 ? 'Screenshots written' : 'Some stories failed; screenshots taken so far are'} in docs/screenshots (from ${files.join(', ')}).`,
);
process.exit(result.status ?? 1);
