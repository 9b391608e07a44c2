// Start the lab SIP server alone: npx tsx electron/lab/cli.ts [--port 5090] [--host 127.0.0.1] [--config file]
import { parseArgs } from 'node:util';
import { LabConfigError, loadLabConfig } from './config.js';
import { DEFAULT_LAB_CONFIG_PATH, DEFAULT_LAB_PORT, isLoopback, startLabServer } from './index.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: String(DEFAULT_LAB_PORT) },
      host: { type: 'string', default: '127.0.0.1' },
      config: { type: 'string', default: DEFAULT_LAB_CONFIG_PATH },
      'allow-remote': { type: 'boolean', default: false },
      simulate: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('usage: lab [--port N] [--host ADDR] [--allow-remote] [--config FILE]\n');
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new LabConfigError(`bad --port ${values.port}`);
  if (!isLoopback(values.host) && !values['allow-remote']) {
    throw new LabConfigError(`refusing to listen on ${values.host}: the lab has demo passwords; add --allow-remote to mean it`);
  }
  if (values.simulate) {
    // Simulated customers are not built yet (issue 4); say so instead of silently ignoring the flag.
    process.stderr.write('lab: --simulate is not implemented yet\n');
  }
  const server = await startLabServer({ port, host: values.host, config: loadLabConfig(values.config) });
  process.stderr.write(
    `lab: SIP over WebSocket at ${server.url} (subprotocol "sip"), status at ${server.url.replace('ws:', 'http:')}/status\n`,
  );
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`lab: ${e instanceof LabConfigError ? e.message : String((e as Error)?.stack ?? e)}\n`);
  process.exit(1);
});
