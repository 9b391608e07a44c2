// `npm run lab [-- options]`: the lab call center alone, as built JavaScript run by this Node
// process. Only the Node side is built here (esbuild, well under a second): no renderer needed.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildHost } from './lib/build-host.mjs';
import { ensureNodeModules, root } from './lib/ensure-deps.mjs';

ensureNodeModules();
await buildHost({ quiet: true });
await import(pathToFileURL(join(root, 'out', 'host', 'lab.js')).href);
