import { join } from 'node:path';
import { parseArgs } from 'node:util';

/** Browser mode's command line (`npm start -- …`), after defaults. */
export interface StartOptions {
  readonly port: number;
  /** The port was asked for (option or WARMLINE_PORT), not the default. */
  readonly portChosen: boolean;
  readonly dataDir: string;
  readonly rendererDir: string;
  readonly labPort: number;
  readonly noLab: boolean;
  /** `--agent 2001`: sign in to the lab as this agent (its own port and data folder by default). */
  readonly agent: string | undefined;
  readonly help: boolean;
  /** `--reset-corrupt-db`: a damaged database is moved aside (never deleted) and an empty one started. */
  readonly resetCorruptDb: boolean;
}

export const DEFAULT_PORT = 5180;

/**
 * Browser mode's port for the lab's agent at this index, in the lab's order: 1001 → 5180, …,
 * 2001 → 5183. Stable, so a bookmark keeps working, and two agents never collide; the lab lets
 * exactly these pages in (lab-session.ts labPageOrigins).
 */
export function labAgentPort(index: number): number {
  return DEFAULT_PORT + index;
}
export const DEFAULT_LAB_PORT = 5090;

export const START_USAGE = `usage: npm start -- [--agent USER] [--port N] [--data-dir DIR] [--lab-port N | --no-lab]

  --agent USER    sign in to the lab as this agent, e.g. --agent 2001 (the senior): a second
                  Warmline beside the first, on its own port and data folder, on the same lab
  --port N        the address to open is http://127.0.0.1:N/ (default ${DEFAULT_PORT}; WARMLINE_PORT)
  --data-dir DIR  settings and history (default ~/.config/Warmline; WARMLINE_DATA_DIR)
  --lab-port N    the embedded lab call center's port (default ${DEFAULT_LAB_PORT}; WARMLINE_LAB_PORT)
  --no-lab        never start or join the lab
  --reset-corrupt-db  if the database is damaged, rename it to warmline.sqlite.corrupt-<date> and start empty
`;

const AGENT = /^[A-Za-z0-9._-]{1,32}$/;

export class StartOptionError extends Error {
  override name = 'StartOptionError';
}

function portOf(name: string, text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new StartOptionError(`--${name} needs a port number (0–65535), not "${text}".`);
  return port;
}

/**
 * Defaults, and where a second agent goes: `--agent 2001` without `--port` or `--data-dir` gets
 * the port `agentPort(2001)` and the folder `<default data folder>-2001`, so it never shares the
 * first Warmline's database or address. The default data folder is the desktop app's.
 */
export function parseStartOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  context: {
    readonly homeDir: string;
    readonly repoRoot: string;
    /** The lab agent a plain `npm start` signs in as (the lab config's first account). */
    readonly defaultAgent: string;
    readonly agentPort: (agent: string) => number;
  },
): StartOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'renderer-dir': { type: 'string' },
      'lab-port': { type: 'string' },
      'no-lab': { type: 'boolean', default: false },
      agent: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      'reset-corrupt-db': { type: 'boolean', default: false },
    },
  });
  const agent = values.agent;
  if (agent !== undefined && !AGENT.test(agent))
    throw new StartOptionError(`--agent needs a lab user such as 2001, not "${agent}".`);
  if (agent !== undefined && values['no-lab'])
    throw new StartOptionError('--agent signs in to the lab: it cannot go with --no-lab.');
  // `--agent 1001` when 1001 is who `npm start` signs in as anyway: the plain start's port and folder.
  const separate = agent !== undefined && agent !== context.defaultAgent ? agent : undefined;
  const portText = values.port ?? env.WARMLINE_PORT;
  const baseDataDir = env.WARMLINE_DATA_DIR || join(context.homeDir, '.config', 'Warmline');
  return {
    port: portText !== undefined ? portOf('port', portText) : separate !== undefined ? context.agentPort(separate) : DEFAULT_PORT,
    portChosen: portText !== undefined,
    dataDir: values['data-dir'] ?? (separate !== undefined ? `${baseDataDir}-${separate}` : baseDataDir),
    rendererDir: values['renderer-dir'] ?? join(context.repoRoot, 'out', 'renderer'),
    labPort: portOf('lab-port', values['lab-port'] ?? env.WARMLINE_LAB_PORT ?? String(DEFAULT_LAB_PORT)),
    noLab: values['no-lab'],
    agent,
    help: values.help,
    resetCorruptDb: values['reset-corrupt-db'],
  };
}
