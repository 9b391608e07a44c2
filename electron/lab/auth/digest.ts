import { hash as oneShotHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { splitTopLevel, unquote } from '../sip/headers.js';
import { randomSlice } from '../sip/build.js';

export type DigestAlgorithm = 'MD5' | 'SHA-256';

export type DigestVerdict =
  | { readonly kind: 'ok'; readonly user: string }
  /** No credentials for our realm: challenge. */
  | { readonly kind: 'missing' }
  /**
   * Right password over an expired nonce, or repeating a nonce-count it already used (`replayed`): not accepted,
   * challenged again with stale=true (RFC 2617 §3.2.1), and not a failed guess (the answer proves the password).
   */
  | { readonly kind: 'stale'; readonly replayed?: { readonly user: string } }
  /** `user` is the account the credentials named, when they named one (for counting failures per account). */
  | { readonly kind: 'denied'; readonly reason: string; readonly user?: string };

export interface DigestOptions {
  readonly realm: string;
  readonly nonceTtlMs: number;
  readonly algorithms: readonly DigestAlgorithm[];
  readonly passwordOf: (user: string) => string | undefined;
  readonly now?: () => number;
}

const RECENTLY_ISSUED = 4096;

// One-shot hashing (crypto.hash) is several times faster than a createHash object per digest, and the
// REGISTER path computes a handful of them (issue 19).
const hash = (algorithm: DigestAlgorithm, text: string): string =>
  oneShotHash(algorithm === 'MD5' ? 'md5' : 'sha256', text, 'hex');

/** HMAC-SHA256 (RFC 2104) from two one-shot hashes, with the key's pads prepared once. */
function hmacSha256(pads: { inner: Buffer; outer: Buffer }, text: string): Buffer {
  const inner = oneShotHash('sha256', Buffer.concat([pads.inner, Buffer.from(text, 'utf8')]), 'buffer');
  return oneShotHash('sha256', Buffer.concat([pads.outer, inner]), 'buffer');
}

function hmacPads(key: Buffer): { inner: Buffer; outer: Buffer } {
  const block = Buffer.alloc(64);
  key.copy(block); // a 32-byte key fits one SHA-256 block as is
  return { inner: Buffer.from(block.map((b) => b ^ 0x36)), outer: Buffer.from(block.map((b) => b ^ 0x5c)) };
}

/** Parse `Digest k=v, k="v"` (RFC 2617 §3.2.2); parameter names lower-cased. */
export function parseDigestCredentials(value: string): Map<string, string> | null {
  const m = /^\s*Digest\s+(.*)$/is.exec(value);
  if (!m) return null;
  const params = new Map<string, string>();
  for (const part of splitTopLevel(m[1]!, ',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    params.set(part.slice(0, eq).trim().toLowerCase(), unquote(part.slice(eq + 1).trim()));
  }
  return params;
}

/**
 * Digest authentication (RFC 2617, RFC 8760 for SHA-256) with stateless nonces: a nonce is its issue time plus an
 * HMAC under a per-process secret, so the lab keeps no per-challenge state and can tell expired (stale) nonces from
 * forged ones. With qop=auth, each nonce's highest nonce-count is remembered so a replayed response is refused.
 */
export class DigestAuthenticator {
  private readonly pads = hmacPads(randomBytes(32));
  private readonly opaque = randomBytes(8).toString('hex');
  private readonly counts = new Map<string, number>();
  private readonly ha1s = new Map<string, { readonly password: string; readonly ha1: string }>();
  private readonly ha2s = new Map<string, string>();
  /**
   * The latest nonces issued, in order: a client answers its challenge within milliseconds, and a nonce found
   * here is ours without recomputing its HMAC (two SHA-256 per authenticated request, issue 19). Bounded; an
   * older nonce is verified by its HMAC as before, so a flood of challenges changes nothing but the cost.
   */
  private readonly recentlyIssued = new Set<string>();
  private readonly now: () => number;
  /** What follows the nonce in each algorithm's challenge: the same text every time (issue 19). */
  private readonly challengeEnds: { readonly fresh: readonly string[]; readonly stale: readonly string[] };

  constructor(private readonly options: DigestOptions) {
    this.now = options.now ?? Date.now;
    const fresh = options.algorithms.map((a) => `, opaque="${this.opaque}", algorithm=${a}, qop="auth"`);
    this.challengeEnds = { fresh, stale: fresh.map((end) => `${end}, stale=true`) };
  }

  newNonce(): string {
    const issued = this.now().toString(36);
    const salt = randomSlice(9).toString('base64url');
    const nonce = `${issued}.${salt}.${this.sign(`${issued}.${salt}`)}`;
    this.recentlyIssued.add(nonce);
    if (this.recentlyIssued.size > RECENTLY_ISSUED) this.recentlyIssued.delete(this.recentlyIssued.values().next().value!);
    return nonce;
  }

  /** One challenge header value per algorithm, in preference order (RFC 8760 §2.4). */
  challenges(stale: boolean): string[] {
    const after = stale ? this.challengeEnds.stale : this.challengeEnds.fresh;
    return after.map((end) => `Digest realm="${this.options.realm}", nonce="${this.newNonce()}"${end}`);
  }

  verify(method: string, credentialHeaders: readonly string[]): DigestVerdict {
    const creds = credentialHeaders.map(parseDigestCredentials).find((c) => c !== null && c.get('realm') === this.options.realm);
    if (!creds) return { kind: 'missing' };
    const user = creds.get('username');
    const nonce = creds.get('nonce');
    const uri = creds.get('uri');
    const response = creds.get('response');
    if (!user || !nonce || !uri || !response)
      return { kind: 'denied', reason: 'incomplete credentials', ...(user ? { user } : {}) };
    const algorithm = (creds.get('algorithm') ?? 'MD5').toUpperCase();
    if (algorithm !== 'MD5' && algorithm !== 'SHA-256') return { kind: 'denied', reason: 'unsupported algorithm', user };
    if (!this.options.algorithms.includes(algorithm)) return { kind: 'denied', reason: 'algorithm not offered', user };
    const password = this.options.passwordOf(user);
    if (password === undefined) return { kind: 'denied', reason: 'unknown user', user };

    const nonceState = this.checkNonce(nonce);
    if (nonceState === 'forged') return { kind: 'denied', reason: 'nonce not issued here', user };

    const ha1 = this.ha1(algorithm, user, password);
    const ha2 = this.ha2(algorithm, method, uri);
    const qop = creds.get('qop');
    let expected: string;
    if (qop === undefined) {
      expected = hash(algorithm, `${ha1}:${nonce}:${ha2}`);
    } else if (qop === 'auth') {
      const nc = creds.get('nc');
      const cnonce = creds.get('cnonce');
      if (!nc || !/^[0-9a-fA-F]{8}$/.test(nc) || !cnonce) return { kind: 'denied', reason: 'bad nc or cnonce', user };
      expected = hash(algorithm, `${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`);
    } else {
      return { kind: 'denied', reason: 'unsupported qop', user };
    }
    if (!safeEqual(expected, response.toLowerCase())) return { kind: 'denied', reason: 'wrong password', user };
    // Only a correct response learns that its nonce is stale, so a guesser cannot probe the clock.
    if (nonceState === 'expired') return { kind: 'stale' };
    // A repeated nonce-count (RFC 2617 §3.2.2) is a replay, never accepted. It is a legitimate client's habit too
    // (SIP.js repeats nc=1 on each REGISTER refresh), so it gets a fresh nonce, not a failure that slows the
    // account and its whole address (the soak's lock-out of everyone on loopback, issue 14).
    if (qop === 'auth' && !this.acceptCount(nonce, parseInt(creds.get('nc')!, 16))) {
      return { kind: 'stale', replayed: { user } };
    }
    return { kind: 'ok', user };
  }

  /**
   * H(user:realm:password) (RFC 2617 §3.2.2.2) is the same for every request of an account: computed once per
   * account, password and algorithm (issue 19). Keyed by the password too, so a changed one is never matched
   * against the old hash; bounded by the number of accounts, as only known accounts get here.
   */
  private ha1(algorithm: DigestAlgorithm, user: string, password: string): string {
    const key = `${algorithm}:${user}`;
    const cached = this.ha1s.get(key);
    if (cached !== undefined && cached.password === password) return cached.ha1;
    const ha1 = hash(algorithm, `${user}:${this.options.realm}:${password}`);
    this.ha1s.set(key, { password, ha1 });
    return ha1;
  }

  /** H(method:uri): a phone's REGISTERs all name the same URI, so the last few are remembered (issue 19). */
  private ha2(algorithm: DigestAlgorithm, method: string, uri: string): string {
    const key = `${algorithm}:${method}:${uri}`;
    const cached = this.ha2s.get(key);
    if (cached !== undefined) return cached;
    const ha2 = hash(algorithm, `${method}:${uri}`);
    if (key.length <= 512) {
      if (this.ha2s.size >= 256) this.ha2s.clear();
      this.ha2s.set(key, ha2);
    }
    return ha2;
  }

  private sign(text: string): string {
    return hmacSha256(this.pads, text).toString('base64url').slice(0, 22);
  }

  private checkNonce(nonce: string): 'fresh' | 'expired' | 'forged' {
    const parts = nonce.split('.');
    if (parts.length !== 3) return 'forged';
    const [issued, salt, mac] = parts as [string, string, string];
    // A nonce this process issued moments ago needs no second HMAC to prove it; any other is checked in full.
    if (!this.recentlyIssued.has(nonce) && !safeEqual(this.sign(`${issued}.${salt}`), mac)) return 'forged';
    const age = this.now() - parseInt(issued, 36);
    return age >= 0 && age <= this.options.nonceTtlMs ? 'fresh' : 'expired';
  }

  /**
   * RFC 2617 §3.2.2: the nonce-count must grow with each request that reuses a nonce. Only nonces within their
   * lifetime need remembering (an older one is stale anyway), so an entry lives until its nonce expires. The map
   * holds plain numbers in order of first use, so expired entries are at the front and dropping them costs nothing
   * per request. (A full scan whenever the map was large made every authenticated request O(map size) once 10 000
   * nonces had been used within their lifetime; an object per entry made the garbage collector's work grow with
   * the registration rate, issue 19.)
   */
  private acceptCount(nonce: string, nc: number): boolean {
    const now = this.now();
    for (const n of this.counts.keys()) {
      if (nonceIssuedAt(n) + this.options.nonceTtlMs >= now) break;
      this.counts.delete(n);
    }
    const seen = this.counts.get(nonce);
    if (seen !== undefined && nc <= seen) return false;
    this.counts.set(nonce, nc);
    return true;
  }
}

/** A nonce of ours starts with its issue time in base 36 (`newNonce`). */
function nonceIssuedAt(nonce: string): number {
  return parseInt(nonce.slice(0, nonce.indexOf('.')), 36);
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** For tests and the raw test client: compute an Authorization value the way a UA would. */
export function digestResponse(args: {
  user: string;
  password: string;
  realm: string;
  nonce: string;
  method: string;
  uri: string;
  algorithm?: DigestAlgorithm;
  nc?: number;
  cnonce?: string;
  opaque?: string;
}): string {
  const algorithm = args.algorithm ?? 'MD5';
  const nc = (args.nc ?? 1).toString(16).padStart(8, '0');
  const cnonce = args.cnonce ?? randomBytes(6).toString('hex');
  const ha1 = hash(algorithm, `${args.user}:${args.realm}:${args.password}`);
  const ha2 = hash(algorithm, `${args.method}:${args.uri}`);
  const response = hash(algorithm, `${ha1}:${args.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  const opaque = args.opaque === undefined ? '' : `, opaque="${args.opaque}"`;
  return (
    `Digest username="${args.user}", realm="${args.realm}", nonce="${args.nonce}", uri="${args.uri}", ` +
    `response="${response}", algorithm=${algorithm}, cnonce="${cnonce}", qop=auth, nc=${nc}${opaque}`
  );
}
