import { buildPidf, type PresenceKind } from '../../../shared/presence/pidf';
import type { LabBenchClient } from '../lab-client';

/** The states a colleague moves through; offline is left out (it is a registration, not a publication). */
export const KINDS = ['available', 'on-call', 'wrap-up', 'break'] as const satisfies readonly PresenceKind[];
export type Kind = (typeof KINDS)[number];

export interface Published {
  readonly user: string;
  readonly kind: Kind;
  /** `performance.timeOrigin + performance.now()` when the PUBLISH that got through was sent. */
  readonly sentAt: number;
}

/** The same sequence on every run (mulberry32): a benchmark's load is part of its definition. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function pidfOf(user: string, domain: string, kind: Kind): string {
  return buildPidf({ entity: `sip:${user}@${domain}`, kind, since: Date.now(), reason: kind === 'break' ? 'lunch' : '' });
}

/**
 * The team's changes: a Poisson process over the whole team, each colleague changing every
 * `meanIntervalMs` on average (300 colleagues every 10 s: 30 PUBLISHes a second, in bursts as
 * real shifts have them). A colleague picked changes to one of the other states.
 */
export class PresenceLoad {
  readonly #random: () => number;
  readonly #kind = new Map<string, Kind>();

  constructor(
    private readonly clients: readonly LabBenchClient[],
    private readonly domain: string,
    private readonly meanIntervalMs: number,
    seed: number,
  ) {
    this.#random = seededRandom(seed);
    for (const c of clients) this.#kind.set(c.user, 'available');
  }

  /** Every colleague publishes Available, a few at a time. */
  async publishAll(kind: Kind): Promise<void> {
    for (let i = 0; i < this.clients.length; i += 25) {
      await Promise.all(
        this.clients.slice(i, i + 25).map(async (c) => {
          await c.publish(pidfOf(c.user, this.domain, kind));
          this.#kind.set(c.user, kind);
        }),
      );
    }
  }

  /** Runs the process for `durationMs`; resolves when every PUBLISH sent in it is answered. */
  async run(durationMs: number): Promise<Published[]> {
    const gapMs = this.meanIntervalMs / this.clients.length;
    const start = performance.now();
    let next = start;
    const sent: Promise<Published>[] = [];
    for (;;) {
      next += -Math.log(1 - this.#random()) * gapMs;
      if (next - start >= durationMs) break;
      await sleep(Math.max(0, next - performance.now()));
      const client = this.clients[Math.floor(this.#random() * this.clients.length)]!;
      const others = KINDS.filter((k) => k !== this.#kind.get(client.user));
      const kind = others[Math.floor(this.#random() * others.length)]!;
      this.#kind.set(client.user, kind);
      sent.push(
        client
          .publish(pidfOf(client.user, this.domain, kind))
          .then((at) => ({ user: client.user, kind, sentAt: performance.timeOrigin + at })),
      );
    }
    await sleep(Math.max(0, start + durationMs - performance.now()));
    return Promise.all(sent);
  }
}
