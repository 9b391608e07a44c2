// `npm start`: install what is missing, build, then open the desktop app, or browser mode where
// there is no Electron binary (or WARMLINE_MODE=browser).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { electronBinary, ensureNodeModules, npx, root } from './lib/ensure-deps.mjs';

ensureNodeModules();
npx(['electron-vite', 'build']);

const binary = process.env.WARMLINE_MODE === 'browser' ? undefined : electronBinary({ tryDownload: true });
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

const [cmd, args] =
  binary && hasDisplay
    ? [binary, [root]]
    : [join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'electron', 'web-host', 'cli.ts'), ...process.argv.slice(2)]];
if (!(binary && hasDisplay)) {
  console.log(binary ? 'No display: starting browser mode.' : 'No Electron binary here: starting browser mode.');
}
const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
