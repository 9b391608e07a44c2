// `npm run soak [-- N]`: N calls (default 300) with hold, transfer and wrap-up through the app UI on
// the embedded lab (tests/soak/soak.ts), in a network namespace with only loopback when we are root.
// Prints renderer heap, host file descriptors, DB size and call set-up medians per 50 calls. Not in `npm test`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { hasCommand, root } from './lib/ensure-deps.mjs';

// No install here (unlike `npm start`): a soak runs on a checkout whose dependencies are in place.
const calls = process.argv[2] ?? '300';
if (!/^[1-9][0-9]{0,5}$/.test(calls)) {
  console.error('usage: npm run soak -- [number of calls, default 300]');
  process.exit(2);
}
const tsx = join(root, 'node_modules', '.bin', 'tsx');
if (!existsSync(tsx)) {
  console.error('node_modules is missing: run npm ci first');
  process.exit(2);
}
const file = join('tests', 'soak', 'soak.ts');
const isolate = process.getuid?.() === 0 && hasCommand('unshare');
const result = isolate
  ? spawnSync('unshare', ['--net', 'sh', '-c', `ip link set lo up && exec '${tsx}' '${file}' ${calls}`], {
      cwd: root,
      stdio: 'inherit',
    })
  : spawnSync(tsx, [file, calls], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
