// `npm run bench`: the benchmark scripts in tests/bench/, each in a network namespace with only
// loopback when we are root. They print tables of medians and spreads; no pass/fail.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNodeModules, hasCommand, root } from './lib/ensure-deps.mjs';

ensureNodeModules();
const only = process.argv[2];
const benches = readdirSync(join(root, 'tests', 'bench'))
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.startsWith(only)))
  .sort();
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const isolate = process.getuid?.() === 0 && hasCommand('unshare');
let failed = 0;
for (const bench of benches) {
  const file = join('tests', 'bench', bench);
  console.log(`\n=== ${bench} ===`);
  const result = isolate
    ? spawnSync('unshare', ['--net', 'sh', '-c', `ip link set lo up && exec '${tsx}' '${file}'`], { cwd: root, stdio: 'inherit' })
    : spawnSync(tsx, [file], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
