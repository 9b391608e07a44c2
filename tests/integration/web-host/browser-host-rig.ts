import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dispatch } from '../../../electron/services/host-api/dispatcher';
import {
  createHostServices,
  type HostServices,
  type HostServicesOptions,
} from '../../../electron/services/host-api/host-services';
import { startWebHost, type WebHost } from '../../../electron/web-host/server';
import { makeTempDir } from '../../support/temp-dir';

export interface BrowserHostRig {
  /** The test's folder: `renderer/` (the web root, one index.html) and `data/` (the host's data). */
  readonly dir: ReturnType<typeof makeTempDir>;
  readonly services: HostServices;
  readonly host: WebHost;
  /** Closes the host and the services, then removes the folder. */
  close(): Promise<void>;
}

/**
 * The real web host in browser mode on a free loopback port, serving a one-line index.html, with
 * the real host services on a fresh data folder. `services` adds options (event callbacks);
 * `dispatch` wraps the services' dispatch (e.g. to record what the page asked for).
 */
export async function startBrowserHostRig(
  options: {
    services?: Partial<Pick<HostServicesOptions, 'onAgentStatus' | 'onRendererError'>>;
    dispatch?: (inner: Dispatch) => Dispatch;
  } = {},
): Promise<BrowserHostRig> {
  const dir = makeTempDir();
  const rendererDir = join(dir.path, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Warmline</title>');
  const services = createHostServices({
    dataDir: join(dir.path, 'data'),
    host: 'browser',
    version: 't',
    log: { warn() {}, error() {} },
    ...options.services,
  });
  const dispatch = options.dispatch ? options.dispatch(services.dispatch) : services.dispatch;
  const host = await startWebHost({ rendererDir, dispatch, port: 0 });
  return {
    dir,
    services,
    host,
    async close() {
      await host.close();
      services.close();
      dir.remove();
    },
  };
}
