// `npm test`: every suite (unit, integration, end-to-end) in one vitest run, after the type
// check, the linter and a build, inside a network namespace that has only loopback when we are
// root. Ends with one plain line: "N passed, N failed[, N skipped]".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDebianPackages, ensureNodeModules, hasCommand, npx, root } from './lib/ensure-deps.mjs';

const TEST_DEBIAN_PACKAGES = [
  'chromium',
  'kamailio',
  'kamailio-websocket-modules',
  'kamailio-tls-modules',
  'kamailio-presence-modules',
  'baresip-core',
  'rtpengine-daemon',
  'openssl',
  'coturn',
  'iptables',
  // Decodes call recordings in tests/e2e/recording.test.ts.
  'ffmpeg',
];

ensureDebianPackages(TEST_DEBIAN_PACKAGES);
ensureNodeModules();
npx(['tsc', '-b']);
npx(['eslint', '.']);
npx(['prettier', '--check', '.', '--log-level', 'warn']);
npx(['electron-vite', 'build']);

const report = join(root, '.tmp', 'vitest-report.json');
mkdirSync(join(root, '.tmp'), { recursive: true });
rmSync(report, { force: true });
const vitest = [
  join(root, 'node_modules', '.bin', 'vitest'),
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];

// Loopback only: nothing a test does can leave the machine, and Chromium's outside look-ups fail at once.
const isolate = process.getuid?.() === 0 && hasCommand('unshare') && process.env.WARMLINE_TEST_NETNS !== '0';
const quoted = vitest.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
const result = isolate
  ? spawnSync('unshare', ['--net', 'sh', '-c', `ip link set lo up && exec ${quoted}`], { cwd: root, stdio: 'inherit' })
  : spawnSync(vitest[0], vitest.slice(1), { cwd: root, stdio: 'inherit' });
if (!isolate) console.warn('Note: not root, so the tests ran without a loopback-only network namespace.');

if (!existsSync(report)) {
  console.log('0 passed, 1 failed');
  process.exit(result.status || 1);
}
const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(readFileSync(report, 'utf8'));
const skipped = numPendingTests + numTodoTests;
console.log(`${numPassedTests} passed, ${numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(result.status === 0 && numFailedTests === 0 && numPassedTests > 0 ? 0 : 1);
