/**
 * Slows password guessing (issue 17, finding 4): failed digest checks are counted per account and per source
 * address. Past a threshold each failure opens a wait that doubles with every further failure, up to a cap;
 * during the wait the lab refuses authentication for that account or address without checking the answer, so
 * a guesser learns nothing from many connections in parallel and the right password is refused too until the
 * wait is over. Only failures count: a room of agents registering at once is never slowed. Counts are
 * forgotten after a quiet spell, and a success clears its account's count.
 */
export interface ThrottleOptions {
  /** Failures allowed before the first wait. */
  readonly failuresBeforeDelay: number;
  readonly maxDelayMs: number;
  readonly now?: () => number;
}

interface Record {
  failures: number;
  lastFailure: number;
  blockedUntil: number;
}

export type ThrottleVerdict = { readonly blocked: false } | { readonly blocked: true; readonly retryAfterSeconds: number };

const FIRST_DELAY_MS = 1_000;
/** A source address may fail this many times as often as one account: agents behind one NAT share it. */
const ADDRESS_FACTOR = 4;
const FORGET_AFTER_MS = 15 * 60_000;
/** Bounds memory against a guesser who invents user names: the oldest records go first. */
const MAX_RECORDS = 10_000;

export class AuthThrottle {
  private readonly accounts = new Map<string, Record>();
  private readonly addresses = new Map<string, Record>();
  private readonly now: () => number;

  constructor(private readonly options: ThrottleOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Whether an attempt for `user` (if named) from `address` may be checked now. */
  check(user: string | undefined, address: string): ThrottleVerdict {
    // The common case, nobody has failed lately: no lookups beyond two empty maps.
    if (this.accounts.size === 0 && this.addresses.size === 0) return { blocked: false };
    const now = this.now();
    const until = Math.max(
      user === undefined ? 0 : this.blockedUntil(this.accounts, user, now),
      this.blockedUntil(this.addresses, address, now),
    );
    return until > now ? { blocked: true, retryAfterSeconds: Math.ceil((until - now) / 1000) } : { blocked: false };
  }

  /** Returns the failure counts after this one, for the log. */
  failed(user: string | undefined, address: string): { account: number; address: number } {
    const now = this.now();
    const account = user === undefined ? 0 : this.bump(this.accounts, user, now, this.options.failuresBeforeDelay);
    const byAddress = this.bump(this.addresses, address, now, this.options.failuresBeforeDelay * ADDRESS_FACTOR);
    return { account, address: byAddress };
  }

  succeeded(user: string): void {
    if (this.accounts.size > 0) this.accounts.delete(user);
  }

  private blockedUntil(map: Map<string, Record>, key: string, now: number): number {
    const r = map.get(key);
    if (!r) return 0;
    if (now - r.lastFailure > FORGET_AFTER_MS && r.blockedUntil <= now) {
      map.delete(key);
      return 0;
    }
    return r.blockedUntil;
  }

  private bump(map: Map<string, Record>, key: string, now: number, threshold: number): number {
    let r = map.get(key);
    if (r && now - r.lastFailure > FORGET_AFTER_MS) r = undefined;
    r ??= { failures: 0, lastFailure: now, blockedUntil: 0 };
    r.failures += 1;
    r.lastFailure = now;
    if (r.failures >= threshold) {
      const delay = Math.min(this.options.maxDelayMs, FIRST_DELAY_MS * 2 ** Math.min(30, r.failures - threshold));
      r.blockedUntil = now + delay;
    }
    map.delete(key); // re-insert: the map stays in order of last failure, so eviction takes the stalest
    map.set(key, r);
    if (map.size > MAX_RECORDS) map.delete(map.keys().next().value!);
    return r.failures;
  }
}
