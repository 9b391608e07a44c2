import { describe, expect, it } from 'vitest';
import { DigestAuthenticator, digestResponse, parseDigestCredentials } from './digest.js';

function setup(start = 1_000_000) {
  let now = start;
  const auth = new DigestAuthenticator({
    realm: 'lab',
    nonceTtlMs: 60_000,
    algorithms: ['MD5', 'SHA-256'],
    passwordOf: (u) => (u === '1001' ? 'secret' : undefined),
    now: () => now,
  });
  const nonceOf = (challenge: string) => parseDigestCredentials(challenge)!.get('nonce')!;
  return { auth, nonceOf, advance: (ms: number) => (now += ms) };
}

describe('digest authentication', () => {
  it('challenges in the form RFC 2617 §3.2.1 and RFC 8760 give, one per algorithm, stale=true only when stale', () => {
    const { auth } = setup();
    const format =
      /^Digest realm="lab", nonce="[0-9a-z]+\.[\w-]+\.[\w-]{22}", opaque="[0-9a-f]{16}", algorithm=(MD5|SHA-256), qop="auth"(, stale=true)?$/;
    const fresh = auth.challenges(false);
    const stale = auth.challenges(true);
    expect(fresh.map((c) => format.exec(c)?.slice(1))).toEqual([
      ['MD5', undefined],
      ['SHA-256', undefined],
    ]);
    expect(stale.map((c) => format.exec(c)?.slice(1))).toEqual([
      ['MD5', ', stale=true'],
      ['SHA-256', ', stale=true'],
    ]);
    const nonces = [...fresh, ...stale].map((c) => parseDigestCredentials(c)!.get('nonce'));
    expect(new Set(nonces).size).toBe(4); // a fresh nonce in each
  });

  it('accepts the right password with MD5 and SHA-256, refuses a wrong one', () => {
    const { auth, nonceOf } = setup();
    const [md5, sha] = auth.challenges(false);
    const ok = digestResponse({
      user: '1001',
      password: 'secret',
      realm: 'lab',
      nonce: nonceOf(md5!),
      method: 'REGISTER',
      uri: 'sip:lab',
    });
    expect(auth.verify('REGISTER', [ok])).toEqual({ kind: 'ok', user: '1001' });
    const okSha = digestResponse({
      user: '1001',
      password: 'secret',
      realm: 'lab',
      nonce: nonceOf(sha!),
      method: 'INVITE',
      uri: 'sip:x@lab',
      algorithm: 'SHA-256',
    });
    expect(auth.verify('INVITE', [okSha]).kind).toBe('ok');
    const bad = digestResponse({
      user: '1001',
      password: 'nope',
      realm: 'lab',
      nonce: nonceOf(md5!),
      method: 'REGISTER',
      uri: 'sip:lab',
      nc: 2,
    });
    expect(auth.verify('REGISTER', [bad]).kind).toBe('denied');
  });

  it('says stale for a correct response over an expired nonce, and refuses forged nonces', () => {
    const { auth, nonceOf, advance } = setup();
    const nonce = nonceOf(auth.challenges(false)[0]!);
    advance(61_000);
    const late = digestResponse({ user: '1001', password: 'secret', realm: 'lab', nonce, method: 'REGISTER', uri: 'sip:lab' });
    expect(auth.verify('REGISTER', [late]).kind).toBe('stale');
    const forged = digestResponse({
      user: '1001',
      password: 'secret',
      realm: 'lab',
      nonce: 'abc.def.ghi',
      method: 'REGISTER',
      uri: 'sip:lab',
    });
    expect(auth.verify('REGISTER', [forged]).kind).toBe('denied');
  });

  it('does not accept a replayed nonce count: it challenges again (stale), not a failed guess', () => {
    const { auth, nonceOf } = setup();
    const nonce = nonceOf(auth.challenges(false)[0]!);
    const first = digestResponse({
      user: '1001',
      password: 'secret',
      realm: 'lab',
      nonce,
      method: 'REGISTER',
      uri: 'sip:lab',
      nc: 1,
      cnonce: 'c',
    });
    expect(auth.verify('REGISTER', [first]).kind).toBe('ok');
    expect(auth.verify('REGISTER', [first])).toEqual({ kind: 'stale', replayed: { user: '1001' } });
    const next = digestResponse({
      user: '1001',
      password: 'secret',
      realm: 'lab',
      nonce,
      method: 'REGISTER',
      uri: 'sip:lab',
      nc: 2,
      cnonce: 'c',
    });
    expect(auth.verify('REGISTER', [next]).kind).toBe('ok');
  });

  it('treats credentials for another realm as missing', () => {
    const { auth } = setup();
    expect(auth.verify('REGISTER', ['Digest username="1001", realm="other", nonce="x", uri="sip:lab", response="0"']).kind).toBe(
      'missing',
    );
  });
  it('keeps refusing replays among many nonces in use, and forgets only expired ones', () => {
    const { auth, nonceOf, advance } = setup();
    const answer = (nonce: string, nc: number) =>
      digestResponse({ user: '1001', password: 'secret', realm: 'lab', nonce, method: 'REGISTER', uri: 'sip:lab', nc });
    const first = nonceOf(auth.challenges(false)[0]!);
    expect(auth.verify('REGISTER', [answer(first, 1)]).kind).toBe('ok');
    for (let i = 0; i < 12_000; i += 1) auth.verify('REGISTER', [answer(nonceOf(auth.challenges(false)[0]!), 1)]);
    expect(auth.verify('REGISTER', [answer(first, 1)])).toMatchObject({ kind: 'stale', replayed: { user: '1001' } });
    expect(auth.verify('REGISTER', [answer(first, 2)]).kind).toBe('ok');
    advance(61_000);
    expect(auth.verify('REGISTER', [answer(first, 3)]).kind).toBe('stale');
    // 12,000 digests: well under a second alone, but 11-15 s at a load average of 45 on two cores (the default
    // 5 s timed it out there); nothing here is timed, so the timeout only catches a hang.
  }, 120_000);
  it('verifies a nonce by its HMAC once thousands of newer ones were issued, and a tampered one is still forged', () => {
    const { auth, nonceOf } = setup();
    const first = nonceOf(auth.challenges(false)[0]!);
    for (let i = 0; i < 5000; i++) auth.newNonce(); // past the remembered recent nonces
    const args = { user: '1001', password: 'secret', realm: 'lab', method: 'REGISTER', uri: 'sip:lab' };
    expect(auth.verify('REGISTER', [digestResponse({ ...args, nonce: first })])).toEqual({ kind: 'ok', user: '1001' });
    const fresh = auth.newNonce();
    const [issued, salt, mac] = fresh.split('.') as [string, string, string];
    // Another salt under the same MAC: deterministic, unlike flipping a character of a random token.
    const tampered = `${issued}.${salt === 'A'.repeat(salt.length) ? 'B' : 'A'.repeat(salt.length)}.${mac}`;
    expect(auth.verify('REGISTER', [digestResponse({ ...args, nonce: tampered })])).toMatchObject({
      kind: 'denied',
      reason: 'nonce not issued here',
    });
    expect(auth.verify('REGISTER', [digestResponse({ ...args, nonce: fresh })]).kind).toBe('ok');
  });
});
