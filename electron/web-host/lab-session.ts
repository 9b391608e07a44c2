import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { HostHandlers } from '../../shared/host-api';
import { jsonLineLogger, type LabConfig } from '../lab';
import { labAgents, startEmbeddedLabIfNeeded, type EmbeddedLab, type EmbeddedLabOptions } from './embedded-lab';
import { createLabDesk, type LabDeskHandle } from './lab-desk';
import { labAgentPort } from './start-options';

/** The desktop app's page (electron/main/app-protocol.ts: `app://warmline/`). */
export const DESKTOP_APP_ORIGIN = 'app://warmline';

/**
 * The pages the lab lets in (electron/lab/README.md: the lab refuses other origins): the desktop
 * app, and every lab agent's default browser-mode address, so whichever Warmline starts the lab
 * first — desktop app or browser mode — the others (`npm start -- --agent 2001`) can join it.
 */
export function labPageOrigins(config: LabConfig, extra: readonly string[] = []): string[] {
  const ports = labAgents(config).map((_, i) => labAgentPort(i));
  const http = ports.flatMap((port) => ['127.0.0.1', 'localhost'].map((name) => `http://${name}:${port}`));
  return [...new Set([DESKTOP_APP_ORIGIN, ...http, ...extra])];
}

/** The embedded lab as one Warmline runs it: the call center, and the HostApi's banner and "call me" desk. */
export interface LabSession {
  readonly lab: EmbeddedLab;
  readonly desk: LabDeskHandle;
  /** Hangs up the simulated customers and stops the lab when this Warmline runs it. */
  close(): Promise<void>;
}

export interface LabSessionOptions extends EmbeddedLabOptions {
  /** Origins of the pages this Warmline serves besides labPageOrigins' (browser mode on a chosen port). */
  readonly pageOrigins?: readonly string[];
}

/**
 * Starts (or joins) the embedded lab when the settings have no other server, for browser mode
 * (electron/web-host/cli.ts) and the desktop app (electron/main/index.ts) alike; undefined when
 * the settings point at another server. Throws StartProblem for a clash the user must resolve.
 */
export async function startLabSession(
  handlers: Pick<HostHandlers, 'getSettings' | 'saveSettings' | 'getSipPassword' | 'getTeamKey'>,
  options: LabSessionOptions,
): Promise<LabSession | undefined> {
  const lab = await startEmbeddedLabIfNeeded(handlers, options);
  if (!lab) return undefined;
  if (lab.server) for (const origin of labPageOrigins(lab.config, options.pageOrigins)) lab.server.allowOrigin(origin);
  const logFile = createWriteStream(join(options.dataDir, 'lab-customers.log'), { flags: 'a' });
  // A log that cannot be written (the folder went away, a full disk) must not take the host down.
  logFile.on('error', (error) => console.warn(`lab customers' log: ${error.message}`));
  const desk = createLabDesk(
    lab,
    () => handlers.getSettings(),
    jsonLineLogger((line) => logFile.write(line)),
  );
  return {
    lab,
    desk,
    close: async () => {
      await desk.close();
      await lab.server?.close();
      await new Promise<void>((resolve) => logFile.end(resolve));
    },
  };
}
