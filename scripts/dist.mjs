// `npm run dist [-- electron-builder options]`: build the app, package it with electron-builder
// (electron-builder.yml), then put better-sqlite3's Node build back. electron-builder rebuilds the
// native module in place for Electron's ABI (npmRebuild); without the last step the test suites
// would fail with NODE_MODULE_VERSION errors.
import { spawnSync } from 'node:child_process';
import { npx, root } from './lib/ensure-deps.mjs';

const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status ?? 1;
};

// electron-builder's native-module rebuild (@electron/rebuild, node-abi) declares Node 22.12+.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.warn(
    `Note: electron-builder's native rebuild (@electron/rebuild) declares Node.js 22.12+; this is ${process.version}.`,
  );
}
npx(['electron-vite', 'build']);
const status = run('npx', ['electron-builder', '--config', 'electron-builder.yml', ...process.argv.slice(2)]);
const restored = run('npm', ['rebuild', 'better-sqlite3']);
if (restored !== 0) console.error('Could not rebuild better-sqlite3 for Node: run `npm rebuild better-sqlite3` before testing.');
process.exit(status || restored);
