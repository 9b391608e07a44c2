import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { HostHandlers } from '../../shared/host-api';
import { settingsPatchSchema } from '../../shared/settings';
import { DEFAULT_LAB_CONFIG_PATH, jsonLineLogger, loadLabConfig, startLabServer, type LabServer } from '../lab';

export interface EmbeddedLab {
  readonly server: LabServer;
  /** Who the app signs in as when it set itself up for the lab. */
  readonly agent: string;
}

/**
 * `npm start` with no server configured: start the embedded lab call center and sign the app in
 * to it as the first agent, so a new user hears a ring without setting anything up. The lab
 * also runs when the settings already point at it (a later start). Any other server: no lab.
 */
export async function startEmbeddedLabIfNeeded(
  handlers: Pick<HostHandlers, 'getSettings' | 'saveSettings' | 'getSipPassword'>,
  options: { readonly port: number; readonly dataDir: string; readonly configPath?: string },
): Promise<EmbeddedLab | undefined> {
  const settings = await handlers.getSettings();
  const labUrl = `ws://127.0.0.1:${options.port}`;
  if (settings.serverUrl !== '' && settings.serverUrl !== labUrl) return undefined;

  const config = loadLabConfig(options.configPath ?? DEFAULT_LAB_CONFIG_PATH);
  const agent = config.accounts[0];
  if (!agent) throw new Error('The lab config has no accounts.');
  const logFile = createWriteStream(join(options.dataDir, 'lab.log'), { flags: 'a' });
  const server = await startLabServer({ port: options.port, config, log: jsonLineLogger((line) => logFile.write(line)) });

  const fresh = settings.serverUrl === '';
  const mine = settings.sipUri === '' || settings.sipUri === `sip:${agent.user}@${config.domain}`;
  // The password lives in memory in browser mode without a key: give it again on every start.
  if (fresh || (mine && (await handlers.getSipPassword()) === '')) {
    // Through the shared schema like any other save: a lab config is a file someone may have edited.
    const patch = settingsPatchSchema.parse({
      serverUrl: server.url,
      sipUri: `sip:${agent.user}@${config.domain}`,
      authUser: agent.user,
      password: agent.password,
      // The lab pauses queue members on a queue-control MESSAGE: after-call work really stops routing.
      queuePause: 'message',
      ...(fresh ? { displayName: agent.displayName ?? `Agent ${agent.user}` } : {}),
    });
    await handlers.saveSettings(patch);
  }
  return { server, agent: agent.user };
}
