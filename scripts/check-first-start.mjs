// `npm run check:first-start [-- --link-node-modules] [--from DIR]`: what a new user does, timed.
// Clones the repository (its committed HEAD) into a temporary folder and runs the README's start
// command in browser mode up to the printed address, twice: the first start (install + build) and
// a second one (nothing changed: no build). Prints both times and every line a user would worry
// about (npm warnings, Rollup notes); exits 1 if there is one or a start fails.
//
// Takes minutes (`npm ci` of ~600 packages, from npm's cache when it is warm), so it is a script,
// not part of `npm test`. `--link-node-modules` reuses this checkout's node_modules instead of
// installing (measures our part only: build and start).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { root } from './lib/ensure-deps.mjs';

const { values } = parseArgs({
  options: {
    'link-node-modules': { type: 'boolean', default: false },
    from: { type: 'string', default: root },
    keep: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

/** Output a user should not have to read past: warnings of npm, the bundler, Node. */
export const WORRYING =
  /npm warn|EBADENGINE|allowScripts|install-scripts|annotation that Rollup|deprecated|\bWARN\b|ExperimentalWarning/i;

const work = mkdtempSync(join(tmpdir(), 'warmline-first-start-'));
const clone = join(work, 'warmline');
const say = (line) => {
  if (!values.json) console.log(line);
};

/** Runs `npm start` in browser mode; resolves when it prints the address (then stops it). */
function start(label) {
  const started = Date.now();
  const child = spawn('npm', ['start', '--', '--port', '0', '--lab-port', '0', '--data-dir', join(work, 'data')], {
    cwd: clone,
    env: { ...process.env, WARMLINE_MODE: 'browser', WARMLINE_SECRET_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const read = (chunk) => {
      output += chunk.toString();
      const address = /Open (http:\/\/\S+)/.exec(output)?.[1];
      if (address && /^Data: /m.test(output)) {
        const ms = Date.now() - started;
        child.removeAllListeners('exit');
        child.once('exit', () => resolve({ label, ms, address, output }));
        process.kill(-child.pid, 'SIGTERM');
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) =>
      reject(new Error(`${label}: npm start exited (${code}) before printing the address:\n${output}`)),
    );
  });
}

let failed = false;
const results = [];
try {
  say(`Cloning ${values.from} into ${clone}…`);
  execFileSync('git', ['clone', '--quiet', values.from, clone], { stdio: 'inherit' });
  // The source's own commit (a worktree's clone would otherwise check out the repository's HEAD).
  const head = execFileSync('git', ['-C', values.from, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  execFileSync('git', ['-C', clone, 'checkout', '--quiet', head], { stdio: 'inherit' });
  if (values['link-node-modules']) {
    // `npm start` runs `npm ci` when the lock file is newer than the install's marker, which here
    // would wipe and reinstall the linked (shared) node_modules under every other running process.
    // The clone's lock file gets the marker's time (a git worktree's own lock file can be newer
    // than the install it links to, so the source's lock time is not enough).
    const marker = join(values.from, 'node_modules', '.package-lock.json');
    if (!existsSync(marker)) throw new Error(`--link-node-modules: ${values.from} has no installed node_modules`);
    symlinkSync(join(values.from, 'node_modules'), join(clone, 'node_modules'));
    const { atime, mtime } = statSync(marker);
    utimesSync(join(clone, 'package-lock.json'), atime, mtime);
  }
  for (const label of ['first start', 'second start']) {
    const result = await start(label);
    const worrying = result.output.split('\n').filter((line) => WORRYING.test(line));
    results.push({ label, seconds: result.ms / 1000, built: /Built in/.test(result.output), worrying });
    say(`${label}: address printed after ${(result.ms / 1000).toFixed(1)} s${/Built in/.test(result.output) ? ' (built)' : ''}`);
    for (const line of worrying) say(`  worrying: ${line}`);
    if (worrying.length > 0) failed = true;
  }
  if (results[1]?.built) {
    say('second start built again although nothing changed');
    failed = true;
  }
} catch (error) {
  failed = true;
  say(error instanceof Error ? error.message : String(error));
} finally {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}
if (values.json) console.log(JSON.stringify({ ok: !failed, results }));
process.exit(failed ? 1 : 0);
