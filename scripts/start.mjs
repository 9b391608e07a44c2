// `npm start`: install what is missing, build what changed, then open the desktop app, or browser
// mode where there is no Electron binary (or WARMLINE_MODE=browser, or a browser-mode option such as --agent).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { electronBinary, ensureNodeModules, root } from './lib/ensure-deps.mjs';
import { wantsBrowserMode } from './lib/start-mode.mjs';

ensureNodeModules();
// Imported only now: the build uses packages (esbuild) that a fresh clone has just installed.
const { buildIfChanged } = await import('./lib/build-app.mjs');
await buildIfChanged();

const browserMode = wantsBrowserMode(process.argv.slice(2), process.env);
const binary = browserMode ? undefined : electronBinary({ tryDownload: true });
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

if (binary && hasDisplay) {
  const child = spawn(binary, [root], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!browserMode) {
    console.log(binary ? 'No display: starting browser mode.' : 'No Electron binary here: starting browser mode.');
  }
  // The built web host runs in this process: one Node process, no TypeScript at start. It reads
  // the same command-line options (`npm start -- --port 5181`).
  await import(pathToFileURL(join(root, 'out', 'host', 'web-host.js')).href);
}
