import { createSocket, type Socket } from 'node:dgram';
import { checkedSettings, impairer, NO_IMPAIRMENT, type ImpairmentSettings, type Verdict } from './impairment';

/** Towards the target (e.g. a TURN server) or back towards the clients. */
export type Direction = 'to-target' | 'to-client';

export interface DirectionCounts {
  readonly forwarded: number;
  readonly dropped: number;
  readonly duplicated: number;
}

export interface UdpImpairRelay {
  readonly host: string;
  readonly port: number;
  /** Changes what the path does from the next datagram on; both directions unless one is named. */
  impair(settings: Partial<ImpairmentSettings>, direction?: Direction): void;
  counts(direction: Direction): DirectionCounts;
  close(): Promise<void>;
}

/** At most this many client addresses are relayed at once (each has its own upstream socket). */
const MAX_CLIENTS = 64;

/**
 * A userspace UDP relay that impairs what it carries (there is no netem in our kernel): clients
 * send to `host:port`, each client address gets its own socket towards `target`, and every
 * datagram either way gets a verdict from a generator seeded with `seed` (to-target) and
 * `seed + 1` (to-client). Put in front of a TURN server, it is the bad home network of whoever
 * relays through it: what they send and what they receive.
 */
export async function startUdpImpairRelay(
  target: { host: string; port: number },
  options: { host?: string; port?: number; seed: number },
): Promise<UdpImpairRelay> {
  const host = options.host ?? '127.0.0.1';
  const settings: Record<Direction, ImpairmentSettings> = { 'to-target': NO_IMPAIRMENT, 'to-client': NO_IMPAIRMENT };
  const verdicts: Record<Direction, (s: ImpairmentSettings) => Verdict> = {
    'to-target': impairer(options.seed),
    'to-client': impairer(options.seed + 1),
  };
  const counts: Record<Direction, { forwarded: number; dropped: number; duplicated: number }> = {
    'to-target': { forwarded: 0, dropped: 0, duplicated: 0 },
    'to-client': { forwarded: 0, dropped: 0, duplicated: 0 },
  };
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let closed = false;

  const pass = (direction: Direction, send: () => void): void => {
    const verdict = verdicts[direction](settings[direction]);
    const count = counts[direction];
    if (verdict.drop) {
      count.dropped += 1;
      return;
    }
    count.forwarded += 1;
    if (verdict.delaysMs.length > 1) count.duplicated += 1;
    for (const delay of verdict.delaysMs) {
      if (delay === 0) {
        send();
        continue;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!closed) send();
      }, delay);
      timers.add(timer);
    }
  };

  const front: Socket = createSocket('udp4');
  const upstreams = new Map<string, Socket>();
  front.on('message', (message, client) => {
    const key = `${client.address}:${client.port}`;
    let upstream = upstreams.get(key);
    if (!upstream) {
      if (upstreams.size >= MAX_CLIENTS) return;
      const socket = createSocket('udp4');
      socket.on('message', (reply) => pass('to-client', () => front.send(reply, client.port, client.address)));
      socket.on('error', () => undefined);
      socket.bind(0);
      upstreams.set(key, socket);
      upstream = socket;
    }
    const out = upstream;
    pass('to-target', () => out.send(message, target.port, target.host));
  });
  front.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.bind(options.port ?? 0, host, () => resolve());
  });

  return {
    host,
    port: front.address().port,
    impair: (next, direction) => {
      const checked = checkedSettings(next);
      for (const d of direction ? [direction] : (['to-target', 'to-client'] as const)) settings[d] = checked;
    },
    counts: (direction) => ({ ...counts[direction] }),
    close: async () => {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      const sockets = [front, ...upstreams.values()];
      await Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}
