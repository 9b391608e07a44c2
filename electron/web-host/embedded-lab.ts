import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { HostHandlers } from '../../shared/host-api';
import { settingsPatchSchema } from '../../shared/settings';
import { DEFAULT_LAB_CONFIG_PATH, jsonLineLogger, loadLabConfig, startLabServer, type LabConfig, type LabServer } from '../lab';
import { probeLab, type RunningLab } from './lab-probe';
import { findPortOwner } from './port-owner';
import { isAddressInUse, labPortInUse, StartProblem } from './start-problems';

export interface EmbeddedLab {
  /** The lab server, when this process runs it; undefined when it joined another Warmline's lab. */
  readonly server: LabServer | undefined;
  /** `ws://127.0.0.1:<port>`, what the settings' server address is. */
  readonly url: string;
  readonly statusUrl: string;
  readonly config: LabConfig;
  /** Who the app signs in as. */
  readonly agent: string;
  /** A joined lab already had this agent signed in (another Warmline): both will ring. */
  readonly agentAlreadySignedIn: boolean;
}

export interface EmbeddedLabOptions {
  readonly port: number;
  readonly dataDir: string;
  readonly configPath?: string;
  /** `--agent`: sign in as this lab account (default: the one the settings have, else the first). */
  readonly agent?: string;
  /** A free port to suggest when the lab's port is taken by something else. */
  readonly suggestPort?: () => Promise<number>;
}

/** The lab accounts the app may sign in as: members of a queue (customers are not agents). */
export function labAgents(config: LabConfig): string[] {
  const members = new Set(config.queues.flatMap((q) => q.members));
  return config.accounts.filter((a) => members.has(a.user)).map((a) => a.user);
}

/** The lab user a SIP address belongs to, when it is one of the lab's accounts. */
export function labUserOf(sipUri: string, config: LabConfig): string | undefined {
  const match = /^sips?:([^@;]+)@([^;>]+)$/i.exec(sipUri);
  if (!match || match[2]?.toLowerCase() !== config.domain.toLowerCase()) return undefined;
  return config.accounts.some((a) => a.user === match[1]) ? match[1] : undefined;
}

/**
 * `npm start` with no server configured: start the embedded lab call center and sign the app in
 * to it, so a new user hears a ring without setting anything up. The lab also runs when the
 * settings already point at it (a later start). Any other server: no lab.
 *
 * When the lab's port already has a Warmline lab (the first Warmline's, or `npm run lab`), this
 * one joins it instead of failing: a second agent (`npm start -- --agent 2001`) must be on the
 * SAME lab as the first to receive their escalations.
 */
export async function startEmbeddedLabIfNeeded(
  handlers: Pick<HostHandlers, 'getSettings' | 'saveSettings' | 'getSipPassword' | 'getTeamKey'>,
  options: EmbeddedLabOptions,
): Promise<EmbeddedLab | undefined> {
  const settings = await handlers.getSettings();
  const url = `ws://127.0.0.1:${options.port}`;
  if (settings.serverUrl !== '' && settings.serverUrl !== url) {
    if (options.agent !== undefined) {
      throw new StartProblem(
        `The settings in ${options.dataDir} point at ${settings.serverUrl}, not the lab: --agent is for the lab. ` +
          'Leave out --agent, or give another --data-dir.',
      );
    }
    return undefined;
  }

  const config = loadLabConfig(options.configPath ?? DEFAULT_LAB_CONFIG_PATH);
  const agents = labAgents(config);
  const agent = options.agent ?? labUserOf(settings.sipUri, config) ?? agents[0];
  if (!agent) throw new Error('The lab config has no agent in any queue.');
  const account = config.accounts.find((a) => a.user === agent);
  if (!account || !agents.includes(agent)) {
    throw new StartProblem(`There is no agent ${agent} in the lab. Its agents are ${agents.join(', ')}.`);
  }

  const { server, running } = await startOrJoin(options, config);
  const lab: EmbeddedLab = {
    server,
    agentAlreadySignedIn: running?.registeredAgents.includes(agent) ?? false,
    url: server ? server.url : url,
    statusUrl: `http://127.0.0.1:${server ? server.port : options.port}/status`,
    config,
    agent,
  };

  const fresh = settings.serverUrl === '';
  const sipUri = `sip:${agent}@${config.domain}`;
  const switched = settings.sipUri !== sipUri;
  // The password (and the team key) live in memory in browser mode without a key: give them again on
  // every start. A team key the agent set themselves is kept.
  const teamKeyMissing = config.teamKey !== undefined && (await handlers.getTeamKey()) === '';
  if (fresh || switched || teamKeyMissing || (await handlers.getSipPassword()) === '') {
    // Through the shared schema like any other save: a lab config is a file someone may have edited.
    const patch = settingsPatchSchema.parse({
      serverUrl: lab.url,
      sipUri,
      authUser: agent,
      password: account.password,
      ...(teamKeyMissing ? { teamKey: config.teamKey } : {}),
      // The lab pauses queue members on a queue-control MESSAGE: after-call work really stops routing.
      queuePause: 'message',
      ...(fresh || switched ? { displayName: account.displayName ?? `Agent ${agent}` } : {}),
    });
    await handlers.saveSettings(patch);
  }
  return lab;
}

async function startOrJoin(
  options: EmbeddedLabOptions,
  config: LabConfig,
): Promise<{ server: LabServer; running?: undefined } | { server: undefined; running: RunningLab }> {
  const logFile = createWriteStream(join(options.dataDir, 'lab.log'), { flags: 'a' });
  // A log that cannot be written (a full disk) must not take the host down.
  logFile.on('error', (error) => console.warn(`lab log: ${error.message}`));
  try {
    const log = jsonLineLogger((line) => logFile.write(line));
    return { server: await startLabServer({ port: options.port, config, log }) };
  } catch (error) {
    logFile.end();
    if (!isAddressInUse(error)) throw error;
  }
  const running = await probeLab(options.port);
  if (running?.domain === config.domain) return { server: undefined, running };
  const free = options.suggestPort ? await options.suggestPort() : options.port + 1;
  throw new StartProblem(labPortInUse(options.port, findPortOwner(options.port), free));
}
