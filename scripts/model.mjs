// `npm run model -- --runs 200 --steps 30 [--seed N] [--shards K] [--shrink]`: the long run of the desk's
// model-based test (tests/e2e/desk-model.test.ts) against the real lab in Chromium, in a loopback-only
// network namespace when root. With --shards K, K processes run side by side (seeds N, N+1, …, the runs
// split between them; the fixed regressions in the first only): each has its own network namespace, lab
// port, data folders, progress log (.tmp/model-progress-<seed>.log) and output (.tmp/model-shard-<seed>.out).
// One shard: progress in .tmp/model-progress.log, output here.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hasCommand, npx, root } from './lib/ensure-deps.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    steps: { type: 'string', default: '30' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    shards: { type: 'string', default: '1' },
    shrink: { type: 'boolean', default: false },
  },
});
for (const [name, value] of Object.entries({
  runs: values.runs,
  steps: values.steps,
  seed: values.seed,
  shards: values.shards,
})) {
  if (!/^\d{1,10}$/.test(value)) throw new Error(`--${name} takes a whole number, not ${value}`);
}
const runs = Number(values.runs);
const shards = Math.max(1, Math.min(Number(values.shards), 16));
const seed = Number(values.seed);
console.log(
  `Model run: ${runs} sequences of ${values.steps} steps, seed ${seed}` +
    (shards > 1 ? `, in ${shards} shards (seeds ${seed}…${seed + shards - 1}).` : '.'),
);
// Built once, before any shard starts, and served from a copy: a rebuild in the checkout during the run (it takes
// an hour) does not change the app under the shards halfway.
npx(['electron-vite', 'build']);
mkdirSync(join(root, '.tmp'), { recursive: true });
const rendererCopy = join(root, '.tmp', `model-renderer-${seed}`);
rmSync(rendererCopy, { recursive: true, force: true });
cpSync(join(root, 'out', 'renderer'), rendererCopy, { recursive: true });

const vitest = [join(root, 'node_modules', '.bin', 'vitest'), 'run', '--project', 'e2e', 'tests/e2e/desk-model.test.ts'];
const isolate = process.getuid?.() === 0 && hasCommand('unshare') && process.env.WARMLINE_TEST_NETNS !== '0';
const quoted = vitest.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');

/** One shard: its share of the runs on its own seed; resolves to its exit status. */
function shard(index) {
  const shardSeed = seed + index;
  const shardRuns = Math.floor(runs / shards) + (index < runs % shards ? 1 : 0);
  const env = {
    ...process.env,
    MODEL_RUNS: String(shardRuns),
    MODEL_STEPS: values.steps,
    MODEL_SEED: String(shardSeed),
    WARMLINE_RENDERER_DIR: rendererCopy,
    ...(shards > 1 ? { MODEL_PROGRESS: `model-progress-${shardSeed}.log` } : {}),
    ...(index > 0 ? { MODEL_REGRESSIONS: '0' } : {}),
    ...(values.shrink ? { MODEL_SHRINK: '1' } : {}),
  };
  const out = shards > 1 ? openSync(join(root, '.tmp', `model-shard-${shardSeed}.out`), 'w') : 'inherit';
  const stdio = ['ignore', out, out];
  const child = isolate
    ? spawn('unshare', ['--net', 'sh', '-c', `ip link set lo up && exec ${quoted}`], { cwd: root, stdio, env })
    : spawn(vitest[0], vitest.slice(1), { cwd: root, stdio, env });
  const started = Date.now();
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      const minutes = Math.round((Date.now() - started) / 60_000);
      console.log(
        `Seed ${shardSeed} (${shardRuns} sequences): ${code === 0 ? 'no invariant broken' : 'an invariant broke'}` +
          ` in ${minutes} min${shards > 1 ? ` (see .tmp/model-shard-${shardSeed}.out)` : ''}.`,
      );
      resolve(code ?? 1);
    });
  });
}

const statuses = await Promise.all(Array.from({ length: shards }, (_, i) => shard(i)));
process.exit(statuses.every((s) => s === 0) ? 0 : 1);
