// `npm run model -- --runs 200 --steps 30 [--seed N] [--shrink]`: the long run of the desk's
// model-based test (tests/e2e/desk-model.test.ts) against the real lab in Chromium, in a
// loopback-only network namespace when root. Progress: .tmp/model-progress.log.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hasCommand, npx, root } from './lib/ensure-deps.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    steps: { type: 'string', default: '30' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    shrink: { type: 'boolean', default: false },
  },
});
for (const [name, value] of Object.entries({ runs: values.runs, steps: values.steps, seed: values.seed })) {
  if (!/^\d{1,10}$/.test(value)) throw new Error(`--${name} takes a whole number, not ${value}`);
}
console.log(`Model run: ${values.runs} sequences of ${values.steps} steps, seed ${values.seed}.`);
npx(['electron-vite', 'build']);

const vitest = [join(root, 'node_modules', '.bin', 'vitest'), 'run', '--project', 'e2e', 'tests/e2e/desk-model.test.ts'];
const env = {
  ...process.env,
  MODEL_RUNS: values.runs,
  MODEL_STEPS: values.steps,
  MODEL_SEED: values.seed,
  ...(values.shrink ? { MODEL_SHRINK: '1' } : {}),
};
const isolate = process.getuid?.() === 0 && hasCommand('unshare') && process.env.WARMLINE_TEST_NETNS !== '0';
const quoted = vitest.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
const result = isolate
  ? spawnSync('unshare', ['--net', 'sh', '-c', `ip link set lo up && exec ${quoted}`], { cwd: root, stdio: 'inherit', env })
  : spawnSync(vitest[0], vitest.slice(1), { cwd: root, stdio: 'inherit', env });
console.log(`Seed ${values.seed}: ${result.status === 0 ? 'no invariant broken' : 'an invariant broke (see above)'}.`);
process.exit(result.status ?? 1);
