import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHostServices, type HostServices, type HostServicesOptions } from '../../electron/services/host-api/host-services';
import { startWebHost, type WebHost } from '../../electron/web-host/server';

// From import.meta, not __dirname: benchmarks load this module as ESM under tsx.
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/**
 * The built renderer the tests serve. A long run (`npm run model`) serves a copy of it (WARMLINE_RENDERER_DIR), so a
 * rebuild in the checkout meanwhile does not change the app under it halfway.
 */
export const RENDERER_DIR = process.env.WARMLINE_RENDERER_DIR ?? join(REPO_ROOT, 'out', 'renderer');

/** The e2e suite tests the built renderer, as users get it; build once if nobody has. */
export function ensureRendererBuilt(): void {
  if (existsSync(join(RENDERER_DIR, 'index.html'))) return;
  execFileSync('npx', ['electron-vite', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

export interface AppHost {
  /** The address to open, as `npm start` prints it: with the HostApi token in the fragment. */
  readonly url: string;
  /** The served origin, without the token (what a tel: link's new tab opens). */
  readonly origin: string;
  readonly services: HostServices;
  close(): Promise<void>;
}

/**
 * The real browser-mode host (same services, same contract as `npm start`) on a free loopback port;
 * `log`: where the host logs (the renderer's reports too), by default errors to the console.
 */
export async function startAppHost(dataDir: string, log?: HostServicesOptions['log']): Promise<AppHost> {
  ensureRendererBuilt();
  const services = createHostServices({
    dataDir,
    host: 'browser',
    version: 'e2e',
    log: log ?? { warn() {}, error: console.error },
  });
  const web: WebHost = await startWebHost({ rendererDir: RENDERER_DIR, dispatch: services.dispatch, port: 0 });
  return {
    url: web.url,
    origin: web.origin,
    services,
    close: async () => {
      await web.close();
      services.close();
    },
  };
}
