// Start the lab SIP server alone: npx tsx electron/lab/cli.ts [--port 5090] [--host 127.0.0.1] [--config file]
// With --simulate, simulated customers call its queues (see electron/lab/README.md).
import { parseArgs } from 'node:util';
import { LabConfigError, loadLabConfig, type LabConfig } from './config.js';
import { DEFAULT_LAB_CONFIG_PATH, DEFAULT_LAB_PORT, isLoopback, jsonLineLogger, startLabServer } from './index.js';
import { COMPLAINT_LANGUAGES } from './simulate/complaints.js';
import { Simulator, type SimulatorOptions } from './simulate/simulator.js';

const USAGE = `usage: lab [--port N] [--host ADDR] [--allow-remote] [--config FILE]
           [--simulate [--rate CALLS_PER_MIN] [--queues q1,q2] [--languages en,nl,da,nb,tl]
                       [--patience SECONDS] [--talk SECONDS] [--customers 9001,9002] [--max-calls N]]
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: String(DEFAULT_LAB_PORT) },
      host: { type: 'string', default: '127.0.0.1' },
      config: { type: 'string', default: DEFAULT_LAB_CONFIG_PATH },
      'allow-remote': { type: 'boolean', default: false },
      simulate: { type: 'boolean', default: false },
      rate: { type: 'string', default: '2' },
      queues: { type: 'string' },
      languages: { type: 'string', default: COMPLAINT_LANGUAGES.join(',') },
      patience: { type: 'string', default: '60' },
      talk: { type: 'string', default: '45' },
      customers: { type: 'string' },
      'max-calls': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new LabConfigError(`bad --port ${values.port}`);
  if (!isLoopback(values.host) && !values['allow-remote']) {
    throw new LabConfigError(`refusing to listen on ${values.host}: the lab has demo passwords; add --allow-remote to mean it`);
  }
  const config = loadLabConfig(values.config);
  // Parse the simulation options before listening, so a typo fails fast.
  const simulation = values.simulate ? simulatorOptions(values, config) : null;
  // Gathered 10 ms: a terminal or jq does not mind, and a busy phone's REGISTERs do not each cost a write (issue 19).
  const log = jsonLineLogger(undefined, 10);
  const server = await startLabServer({ port, host: values.host, config, log }).catch((e: unknown) => {
    // `npm start` runs the lab embedded on this port: simulate customers against that one (same config file).
    if (simulation && (e as NodeJS.ErrnoException)?.code === 'EADDRINUSE') return null;
    throw e;
  });
  const connectHost = isLoopback(values.host) || values.host === '0.0.0.0' ? '127.0.0.1' : values.host;
  const wsUrl = server ? server.url.replace('0.0.0.0', '127.0.0.1') : `ws://${connectHost}:${port}`;
  if (server) {
    process.stderr.write(
      `lab: SIP over WebSocket at ${server.url} (subprotocol "sip"), status at ${server.url.replace('ws:', 'http:')}/status\n`,
    );
  } else {
    process.stderr.write(`lab: port ${port} is taken (the app's embedded lab?): simulating customers against ${wsUrl}\n`);
  }
  let simulator: Simulator | null = null;
  if (simulation) {
    simulator = new Simulator({ ...simulation, wsUrl, log });
    simulator.start();
    process.stderr.write(
      `lab: simulating ${simulation.ratePerMinute} calls/min into ${simulation.queues.join(', ')} ` +
        `(${simulation.languages.join(', ')}; patience ~${simulation.patienceSeconds} s, talk ~${simulation.talkSeconds} s)\n`,
    );
  }
  const stop = (): void => {
    void (simulator?.stop() ?? Promise.resolve()).then(() => server?.close()).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function simulatorOptions(
  values: Record<string, string | boolean | undefined>,
  config: LabConfig,
): Omit<SimulatorOptions, 'wsUrl' | 'log'> {
  const list = (v: string | boolean | undefined): string[] =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  const positive = (name: string): number => {
    const n = Number(values[name]);
    if (!(n > 0) || !Number.isFinite(n)) throw new LabConfigError(`--${name} must be a number above 0`);
    return n;
  };
  const queueNames = config.queues.map((q) => q.name);
  const members = new Set(config.queues.flatMap((q) => q.members));
  // Customers call the front-line queues; `senior` is where agents escalate, not a number customers dial.
  const queues = list(values.queues);
  const chosenQueues = queues.length > 0 ? queues : queueNames.filter((q) => q !== 'senior');
  for (const q of chosenQueues) if (!queueNames.includes(q)) throw new LabConfigError(`--queues: no queue ${q} in the config`);
  const languages = list(values.languages);
  for (const l of languages) {
    if (!(COMPLAINT_LANGUAGES as readonly string[]).includes(l)) {
      throw new LabConfigError(`--languages: ${l} is not one of ${COMPLAINT_LANGUAGES.join(', ')}`);
    }
  }
  // Default callers: accounts that are no queue's member (the shipped config's 9001 and 9002).
  const named = list(values.customers);
  const customers = (named.length > 0 ? named : config.accounts.filter((a) => !members.has(a.user)).map((a) => a.user)).map(
    (user) => {
      const account = config.accounts.find((a) => a.user === user);
      if (!account) throw new LabConfigError(`--customers: no account ${user} in the config`);
      return { user, password: account.password };
    },
  );
  if (customers.length === 0)
    throw new LabConfigError('no customer accounts: add one that is no queue member, or pass --customers');
  const maxCalls = values['max-calls'] === undefined ? undefined : positive('max-calls');
  return {
    domain: config.domain,
    customers,
    queues: chosenQueues,
    languages,
    ratePerMinute: positive('rate'),
    patienceSeconds: positive('patience'),
    talkSeconds: positive('talk'),
    maxConcurrent: 20,
    ...(maxCalls === undefined ? {} : { maxCalls: Math.floor(maxCalls) }),
  };
}

main().catch((e: unknown) => {
  process.stderr.write(`lab: ${e instanceof LabConfigError ? e.message : String((e as Error)?.stack ?? e)}\n`);
  process.exit(1);
});
