import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createAesGcmCodec, parseSecretKey } from '../services/credentials/aes-gcm-codec';
import { createHostServices } from '../services/host-api/host-services';
import { startEmbeddedLabIfNeeded } from './embedded-lab';
import { parseHostToken } from './host-token';
import { startWebHost } from './server';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');

/** Browser mode's entry: `npm start` runs this when there is no Electron binary. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.WARMLINE_PORT ?? '5180' },
      'data-dir': { type: 'string', default: process.env.WARMLINE_DATA_DIR ?? join(homedir(), '.config', 'Warmline') },
      'renderer-dir': { type: 'string', default: join(repoRoot, 'out', 'renderer') },
      'lab-port': { type: 'string', default: process.env.WARMLINE_LAB_PORT ?? '5090' },
      'no-lab': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Not a port: ${values.port}`);
  const key = parseSecretKey(process.env.WARMLINE_SECRET_KEY);
  const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const services = createHostServices({
    dataDir: values['data-dir'],
    host: 'browser',
    version,
    ...(key ? { secretCodec: createAesGcmCodec(key) } : {}),
  });
  const labPort = Number(values['lab-port']);
  const lab = values['no-lab']
    ? undefined
    : await startEmbeddedLabIfNeeded(services.handlers, { port: labPort, dataDir: values['data-dir'] });
  const host = await startWebHost({
    rendererDir: values['renderer-dir'],
    dispatch: services.dispatch,
    port,
    log: (m) => console.warn(m),
    ...withToken(parseHostToken(process.env.WARMLINE_HOST_TOKEN)),
  });
  // The lab accepts browser pages of allowed origins only (electron/lab/README.md): this host's page is one.
  const { port: hostPort } = new URL(host.url);
  for (const name of ['127.0.0.1', 'localhost']) lab?.server.allowOrigin(`http://${name}:${hostPort}`);
  console.log(`Warmline (browser mode) is running. Open ${host.url}`);
  if (lab) {
    console.log(
      `Embedded lab call center on ${lab.server.url} (status: http://127.0.0.1:${labPort}/status); signed in as agent ${lab.agent}.`,
    );
  }
  console.log(
    `Data: ${values['data-dir']}${key ? '' : ' (SIP password kept in memory only: set WARMLINE_SECRET_KEY to store it encrypted)'}`,
  );
  const stop = () => {
    void Promise.all([host.close(), lab?.server.close()]).then(() => {
      services.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const withToken = (token: string | undefined) => (token ? { token } : {});

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
