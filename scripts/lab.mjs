// `npm run lab [-- options]`: the lab call center alone, as built JavaScript run by this Node
// process. Only the Node side is built here (esbuild, well under a second): no renderer needed.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureNodeModules, root } from './lib/ensure-deps.mjs';

ensureNodeModules();
// Imported only now: the build uses esbuild, which a fresh clone has just installed.
const { buildHost } = await import('./lib/build-host.mjs');
await buildHost({ quiet: true });
await import(pathToFileURL(join(root, 'out', 'host', 'lab.js')).href);
