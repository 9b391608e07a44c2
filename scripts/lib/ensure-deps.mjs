// Installs what `npm start` and `npm test` need on a fresh clone, so each is one command.
// Only Node built-ins here: this runs before node_modules exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { keepCompiledSqlite } from './native-cache.mjs';

export const root = new URL('../..', import.meta.url).pathname;

function run(cmd, args, env = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${result.status})`);
}

/** `npm ci` when node_modules is missing or older than the lock file. */
export function ensureNodeModules() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  // A linked node_modules (a git worktree or a test's clone sharing one install) is never
  // reinstalled from here: `npm ci` would empty the shared install under every process using it.
  const modules = join(root, 'node_modules');
  if (existsSync(modules) && lstatSync(modules).isSymbolicLink()) {
    console.warn(`node_modules is a link to ${realpathSync(modules)}; not reinstalling it from here (run npm ci there).`);
    return;
  }
  console.log('Installing dependencies (npm ci)…');
  // The Electron binary comes from outside the npm registry; fetch it in a separate, optional step.
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: ['inherit', 'inherit', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  process.stderr.write(withoutPackagingEngineWarnings(result.stderr ?? ''));
  if (result.status !== 0) throw new Error(`npm ci failed (exit ${result.status})`);
  keepCompiledSqlite(root);
}

/**
 * electron-builder (`npm run dist` only) brings @electron/rebuild and node-abi, which declare
 * Node 22.12+; npm warns about them on every install although starting and testing never load
 * them. Those warnings are dropped here (dist.mjs says it needs Node 22.12 when it runs); any
 * other warning is shown.
 */
export function withoutPackagingEngineWarnings(stderr) {
  const blocks = stderr.split(/(?=npm warn EBADENGINE Unsupported engine \{)/);
  return blocks
    .map((block) => {
      if (!block.startsWith('npm warn EBADENGINE Unsupported engine {')) return block;
      const end = block.indexOf('npm warn EBADENGINE }');
      const whole = end < 0 ? block : block.slice(0, end + 'npm warn EBADENGINE }'.length + 1);
      return PACKAGING_ONLY.test(whole) ? block.slice(whole.length) : block;
    })
    .join('');
}
const PACKAGING_ONLY = /package: '(@electron\/rebuild|node-abi)@/;

/** Path of the Electron binary, or undefined where it is not installed (and cannot be downloaded). */
export function electronBinary({ tryDownload }) {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile) && tryDownload && existsSync(join(dir, 'install.js')) && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    console.log('Fetching the Electron binary (desktop app)…');
    spawnSync(process.execPath, [join(dir, 'install.js')], { cwd: dir, stdio: 'ignore', timeout: 120_000 });
  }
  if (!existsSync(pathFile)) return undefined;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/** Debian packages the tests drive for real: Chromium, Kamailio. Installed when running as root. */
export function ensureDebianPackages(packages) {
  const missing = packages.filter(
    (p) => spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' }).stdout !== 'install ok installed',
  );
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0)
    throw new Error(
      `Missing Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get install ${missing.join(' ')}`,
    );
  console.log(`Installing Debian packages: ${missing.join(' ')}`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { DEBIAN_FRONTEND: 'noninteractive' });
}

export function npx(args, env = {}) {
  run(join(root, 'node_modules', '.bin', args[0]), args.slice(1), env);
}

export function hasCommand(cmd) {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
