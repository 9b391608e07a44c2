import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';

/** The process listening on a TCP port, as far as this machine lets us see it. */
export interface PortOwner {
  readonly pid: number;
  /** Its command line, shortened for one line of text. */
  readonly command: string;
}

const MAX_COMMAND = 120;

/** Inodes of the sockets listening on `port` (state 0A = LISTEN), from a /proc/net/tcp{,6} table. */
export function listeningInodes(table: string, port: number): string[] {
  const inodes: string[] = [];
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    const local = fields[1];
    if (!local || fields[3] !== '0A') continue;
    if (Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16) === port && fields[9]) inodes.push(fields[9]);
  }
  return inodes;
}

/** A /proc/<pid>/cmdline (NUL-separated) as one readable line. */
export function commandLine(raw: string): string {
  const text = raw.split('\0').filter(Boolean).join(' ');
  return text.length > MAX_COMMAND ? `${text.slice(0, MAX_COMMAND - 1)}…` : text;
}

const read = (path: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};

/**
 * Who listens on `port`: Linux's /proc, for processes this user may look into (others, and other
 * systems, give undefined; the message then just names the port). A few hundred readlinks at most,
 * and only after a start already failed.
 */
export function findPortOwner(port: number): PortOwner | undefined {
  if (process.platform !== 'linux') return undefined;
  const inodes = new Set([...listeningInodes(read('/proc/net/tcp'), port), ...listeningInodes(read('/proc/net/tcp6'), port)]);
  if (inodes.size === 0) return undefined;
  const targets = new Set([...inodes].map((inode) => `socket:[${inode}]`));
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (targets.has(link)) return { pid: Number(pid), command: commandLine(read(`/proc/${pid}/cmdline`)) };
    }
  }
  return undefined;
}

/** The first port from `from` that can be listened on at 127.0.0.1 (to suggest one that works). */
export async function findFreePort(from: number, tries = 50): Promise<number> {
  for (let port = from; port < Math.min(from + tries, 65536); port += 1) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  return from;
}
