import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAesGcmCodec, parseSecretKey } from '../services/credentials/aes-gcm-codec';
import { createHostServices } from '../services/host-api/host-services';
import { openMovingCorruptAside } from '../services/storage/corrupt-database';
import { lockDataDir } from '../services/storage/data-dir-lock';
import { DEFAULT_LAB_CONFIG_PATH, loadLabConfig } from '../lab';
import { labAgents } from './embedded-lab';
import { parseHostToken } from './host-token';
import { startLabSession, type LabSession } from './lab-session';
import { findFreePort, findPortOwner } from './port-owner';
import { startWebHost, type WebHost } from './server';
import { labAgentPort, parseStartOptions, START_USAGE, StartOptionError } from './start-options';
import { appPortInUse, isAddressInUse, StartProblem } from './start-problems';

// Built into out/host/web-host.js (scripts/lib/build-host.mjs keeps this the source file's URL).
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');

/** Browser mode's entry: `npm start` runs this when there is no Electron binary. */
async function main(): Promise<void> {
  const labConfig = loadLabConfig(DEFAULT_LAB_CONFIG_PATH);
  const agents = labAgents(labConfig);
  const options = parseStartOptions(process.argv.slice(2), process.env, {
    homeDir: homedir(),
    repoRoot,
    defaultAgent: agents[0] ?? '',
    agentPort: (agent) => {
      const index = agents.indexOf(agent);
      if (index < 0) throw new StartProblem(`There is no agent ${agent} in the lab. Its agents are ${agents.join(', ')}.`);
      return labAgentPort(index);
    },
  });
  if (options.help) {
    process.stdout.write(START_USAGE);
    return;
  }
  const key = parseSecretKey(process.env.WARMLINE_SECRET_KEY);
  const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  // The embedded lab, once started below; the HostApi's banner asks it (lab-desk.ts).
  let session: LabSession | undefined;
  // One Warmline per data folder: a second one is told which process has it (issue 17).
  const lock = lockDataDir(options.dataDir, 'browser mode');
  const services = openMovingCorruptAside(
    () =>
      createHostServices({
        dataDir: options.dataDir,
        host: 'browser',
        version,
        lab: () => session?.desk,
        ...(key ? { secretCodec: createAesGcmCodec(key) } : {}),
      }),
    () => options.resetCorruptDb,
    (m) => console.warn(m),
  );
  let host: WebHost;
  try {
    host = await startWebHost({
      rendererDir: options.rendererDir,
      dispatch: services.dispatch,
      port: options.port,
      log: (m) => console.warn(m),
      ...withToken(parseHostToken(process.env.WARMLINE_HOST_TOKEN)),
    });
  } catch (error) {
    services.close();
    if (!isAddressInUse(error)) throw error;
    const senior = labConfig.queues.find((q) => q.name === 'senior')?.members[0];
    const suggest = options.agent === undefined && !options.portChosen ? senior : undefined;
    throw new StartProblem(
      appPortInUse(options.port, findPortOwner(options.port), await findFreePort(options.port + 1), suggest),
    );
  }

  try {
    // The lab accepts browser pages of allowed origins only (electron/lab/README.md): this host's
    // page besides every lab agent's default address and the desktop app (lab-session.ts).
    const { port: hostPort } = new URL(host.url);
    session = options.noLab
      ? undefined
      : await startLabSession(services.handlers, {
          port: options.labPort,
          dataDir: options.dataDir,
          ...(options.agent !== undefined ? { agent: options.agent } : {}),
          suggestPort: () => findFreePort(options.labPort + 1),
          pageOrigins: [`http://127.0.0.1:${hostPort}`, `http://localhost:${hostPort}`],
        });
  } catch (error) {
    await host.close();
    services.close();
    throw error;
  }
  const lab = session?.lab;

  lock.describe(host.origin);
  console.log(`Warmline (browser mode) is running. Open ${host.url}`);
  if (lab) {
    const whose = lab.server ? 'Embedded lab call center' : 'Lab call center of another Warmline (joined)';
    console.log(`${whose} on ${lab.url} (status: ${lab.statusUrl}); signed in as agent ${lab.agent}.`);
    if (lab.agentAlreadySignedIn) {
      const other = labAgents(lab.config).find((a) => a !== lab?.agent) ?? '';
      console.log(
        `Note: agent ${lab.agent} is signed in to that lab from another Warmline too, so both ring. ` +
          `To be another agent: npm start -- --agent ${other}`,
      );
    }
  }
  console.log(
    `Data: ${options.dataDir}${key ? '' : ' (SIP password and team key kept in memory only: set WARMLINE_SECRET_KEY to store them encrypted)'}`,
  );
  const stop = () => {
    void Promise.all([session?.close(), host.close()]).then(() => {
      services.close();
      lock.release();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const withToken = (token: string | undefined) => (token ? { token } : {});

main().catch((error: unknown) => {
  const known = error instanceof StartProblem || error instanceof StartOptionError;
  console.error(known ? error.message : error instanceof Error ? error.message : error);
  process.exit(1);
});
