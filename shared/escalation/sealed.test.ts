import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONTEXT_HEADER, decodeEscalationContext, encodeEscalationContext, type SealOptions } from './codec';
import { CONSULT_CALL_ID, dana, danaWire, onConsult, OTHER_KEY, sealTo, T, TEAM_KEY } from './escalation.fixtures';
import { ReplayGuard } from './replay-guard';
import { escalationContextSchema, type EscalationContextInput } from './schema';
import { CLOCK_SKEW_MS, CONTEXT_VALIDITY_MS, openSealed } from './sealed';

/** A sealed context (sealed.ts): encrypted with the team key, bound to its call and its time. */

async function encode(input: EscalationContextInput = dana, options: SealOptions = sealTo, key: string | undefined = TEAM_KEY) {
  const r = await encodeEscalationContext(input, key, options);
  if (!r.ok) throw new Error(`encode failed: ${JSON.stringify(r.error)}`);
  return r.value;
}
const danaContext = escalationContextSchema.parse(dana);
const ISSUED = sealTo.now;

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The documented recipe, computed with the platform's Web Crypto and Buffer as oracles. */
async function openByRecipe(header: string, key: string): Promise<{ e: Record<string, unknown>; c: unknown }> {
  const [format, iv, sealed] = header.split('.');
  expect(format).toBe('w2');
  const base = await crypto.subtle.importKey('raw', Buffer.from(key), 'HKDF', false, ['deriveKey']);
  const aes = await crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: Buffer.from('Warmline team key'),
      info: Buffer.from('Warmline X-Warmline-Context w2 AES-256-GCM'),
    },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['decrypt'],
  );
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: Buffer.from(iv ?? '', 'base64url'), additionalData: Buffer.from(`${CONTEXT_HEADER}:w2`) },
    aes,
    Buffer.from(sealed ?? '', 'base64url'),
  );
  return JSON.parse(Buffer.from(plain).toString('utf8')) as { e: Record<string, unknown>; c: unknown };
}

describe('sealing a context for a consult call', () => {
  it('agent escalates to the senior queue and the senior, on that consult call, reads it verified', async () => {
    const sent = await encode();
    expect(sent.signed).toBe(true);
    expect(sent.expiresAt).toBe(ISSUED + CONTEXT_VALIDITY_MS);
    expect(await decodeEscalationContext(sent.header, TEAM_KEY, { received: onConsult })).toEqual({
      status: 'verified',
      context: danaContext,
    });
  });

  it('is AES-256-GCM under an HKDF-derived key, the envelope and the compact context inside, as documented', async () => {
    const { header } = await encode();
    const { e, c } = await openByRecipe(header, TEAM_KEY);
    expect(c).toEqual(danaWire);
    const digest = await crypto.subtle.digest('SHA-256', Buffer.from(`c:${CONSULT_CALL_ID}`));
    expect(e).toEqual({
      i: ISSUED,
      x: ISSUED + CONTEXT_VALIDITY_MS,
      k: 'c',
      b: Buffer.from(digest).subarray(0, 16).toString('base64url'),
    });
  });

  it('gives the customer nothing to read: no name, number, text or time in any part of the value', async () => {
    const { header } = await encode();
    const visible = [header, ...header.split('.').map((p) => Buffer.from(p, 'base64url').toString('latin1'))].join('\n');
    for (const secret of ['Dana', '+15551234', 'ACC-778812', 'refund', 'billing', '1001', String(ISSUED), 'frustrated']) {
      expect(visible).not.toContain(secret);
    }
  });

  it('uses a fresh IV each time, so two sealings of one context share nothing', async () => {
    const [a, b] = [await encode(), await encode()];
    expect(a.header.split('.')[1]).not.toBe(b.header.split('.')[1]);
    expect(a.header.split('.')[2]).not.toBe(b.header.split('.')[2]);
  });

  it('refuses a binding without a value, or one too long to be a Call-ID', async () => {
    for (const sipCallId of ['', '  ', 'x'.repeat(257)]) {
      const r = await encodeEscalationContext(dana, TEAM_KEY, { binding: { kind: 'consult', sipCallId } });
      expect(!r.ok && r.error).toEqual({ code: 'invalid-context', issues: [{ path: 'binding', message: 'binding' }] });
    }
  });

  it('says so when Web Crypto is missing, instead of sending an unsealed context silently', async () => {
    vi.stubGlobal('crypto', undefined);
    const r = await encodeEscalationContext(dana, TEAM_KEY, sealTo);
    expect(!r.ok && r.error.code).toBe('crypto-unavailable');
  });
});

describe('a team without a key', () => {
  it('sends a consult context unsigned (it never passes the customer), and it arrives unverified', async () => {
    const sent = await encode(dana, sealTo, '');
    expect(sent.signed).toBe(false);
    expect(sent.header).toMatch(/^[A-Za-z0-9_-]+\.$/);
    expect(await decodeEscalationContext(sent.header, TEAM_KEY, { received: onConsult })).toMatchObject({
      status: 'unverified',
      why: 'unsigned',
    });
  });

  it("sends no context with a blind transfer, which the customer's phone would pass on readable", async () => {
    const r = await encodeEscalationContext(dana, '', { binding: { kind: 'blind', customer: '+15551234' } });
    expect(!r.ok && r.error).toEqual({ code: 'no-team-key' });
  });

  it('cannot open a sealed context, and says why', async () => {
    const { header } = await encode();
    expect(await decodeEscalationContext(header, '', { received: onConsult })).toEqual({
      status: 'unreadable',
      why: 'no-team-key',
    });
  });
});

describe('tampered, or sealed with another key', () => {
  it("cannot be opened with another team's key", async () => {
    const { header } = await encode(dana, sealTo, OTHER_KEY);
    expect(await decodeEscalationContext(header, TEAM_KEY, { received: onConsult })).toEqual({
      status: 'unreadable',
      why: 'cannot-open',
    });
  });

  it('cannot be opened with any one character of the IV or the ciphertext changed', async () => {
    const { header } = await encode();
    for (let at = 3; at < header.length; at += 7) {
      if (header[at] === '.') continue;
      const ch = header[at] === 'A' ? 'Q' : 'A';
      const got = await decodeEscalationContext(header.slice(0, at) + ch + header.slice(at + 1), TEAM_KEY, {
        received: onConsult,
      });
      expect(got.status).toBe('unreadable');
    }
  });

  it('cannot be opened under another header name: the name is authenticated with it', async () => {
    const { header } = await encode();
    expect(await openSealed('X-Other-Context', header, TEAM_KEY, onConsult, () => onConsult.at)).toEqual({
      unreadable: 'cannot-open',
    });
  });

  it('is never verified when cut anywhere in transit', async () => {
    const { header } = await encode();
    for (let cutAt = 1; cutAt < header.length; cutAt += 3) {
      const got = await decodeEscalationContext(header.slice(0, cutAt), TEAM_KEY, { received: onConsult });
      expect(got.status).toBe('unreadable');
    }
  });

  it('cannot be opened without Web Crypto, and says unreadable rather than failing', async () => {
    const { header } = await encode();
    vi.stubGlobal('crypto', undefined);
    expect(await decodeEscalationContext(header, TEAM_KEY, { received: onConsult })).toEqual({
      status: 'unreadable',
      why: 'cannot-open',
    });
  });
});

describe('not valid for this call', () => {
  const at = (ms: number) => ({ received: { ...onConsult, at: ms } });

  it('after its 15 minutes (and the clock skew allowed), on the receiving clock', async () => {
    const { header } = await encode();
    const end = ISSUED + CONTEXT_VALIDITY_MS + CLOCK_SKEW_MS;
    expect((await decodeEscalationContext(header, TEAM_KEY, at(end))).status).toBe('verified');
    expect(await decodeEscalationContext(header, TEAM_KEY, at(end + 1))).toEqual({
      status: 'not-valid',
      why: 'expired',
      context: danaContext,
    });
  });

  it('for as long as the sender chose', async () => {
    const { header } = await encode(dana, { ...sealTo, validForMs: 60_000 });
    expect(await decodeEscalationContext(header, TEAM_KEY, at(ISSUED + 60_000 + CLOCK_SKEW_MS + 1))).toMatchObject({
      status: 'not-valid',
      why: 'expired',
    });
  });

  it('before it was made, beyond the clock skew allowed', async () => {
    const { header } = await encode();
    expect((await decodeEscalationContext(header, TEAM_KEY, at(ISSUED - CLOCK_SKEW_MS))).status).toBe('verified');
    expect(await decodeEscalationContext(header, TEAM_KEY, at(ISSUED - CLOCK_SKEW_MS - 1))).toMatchObject({
      status: 'not-valid',
      why: 'not-yet-valid',
    });
  });

  it('judged by when the INVITE came, not when a screen reads it later', async () => {
    const { header } = await encode();
    const hourLater = () => ISSUED + 3_600_000;
    expect((await decodeEscalationContext(header, TEAM_KEY, { received: onConsult, now: hourLater })).status).toBe('verified');
    expect(await decodeEscalationContext(header, TEAM_KEY, { now: hourLater })).toMatchObject({
      status: 'not-valid',
      why: 'expired',
    });
  });

  it('on another call: a consult context replayed with another Call-ID', async () => {
    const { header } = await encode();
    const got = await decodeEscalationContext(header, TEAM_KEY, { received: { ...onConsult, sipCallId: 'wl-another-call' } });
    expect(got).toEqual({ status: 'not-valid', why: 'other-call', context: danaContext });
  });

  it('when the receiver cannot say which call it came on', async () => {
    const { header } = await encode();
    expect(await decodeEscalationContext(header, TEAM_KEY, { now: () => onConsult.at })).toMatchObject({
      status: 'not-valid',
      why: 'other-call',
    });
  });

  it('when it is the older format: readable and valid anywhere, so only "older format"', async () => {
    const { olderHeader } = await import('./escalation.fixtures');
    expect(await decodeEscalationContext(await olderHeader(dana, TEAM_KEY), TEAM_KEY, { received: onConsult })).toEqual({
      status: 'older-format',
      context: danaContext,
    });
  });
});

describe('a blind transfer, bound to the customer the agent was talking to', () => {
  const blind: SealOptions = { binding: { kind: 'blind', customer: '+15551234' }, now: ISSUED };
  const fromCustomer = { sipCallId: 'a-call-id-the-agent-never-saw', caller: '+15551234', at: ISSUED + 5_000 };

  it("arrives verified on the INVITE the customer's phone sends", async () => {
    const { header } = await encode(dana, blind);
    expect(await decodeEscalationContext(header, TEAM_KEY, { received: fromCustomer })).toEqual({
      status: 'verified',
      context: danaContext,
    });
  });

  it('is not valid from anyone else', async () => {
    const { header } = await encode(dana, blind);
    expect(await decodeEscalationContext(header, TEAM_KEY, { received: { ...fromCustomer, caller: '+15559999' } })).toMatchObject(
      {
        status: 'not-valid',
        why: 'other-call',
      },
    );
  });

  it('is not valid as a consult context on a call with that Call-ID, nor the other way round', async () => {
    const { header: blindHeader } = await encode(dana, blind);
    const { header: consultHeader } = await encode();
    const confused = { sipCallId: '+15551234', caller: CONSULT_CALL_ID, at: ISSUED + 1_000 };
    expect((await decodeEscalationContext(blindHeader, TEAM_KEY, { received: confused })).status).toBe('not-valid');
    expect((await decodeEscalationContext(consultHeader, TEAM_KEY, { received: confused })).status).toBe('not-valid');
  });

  it('replayed by the customer on a second call to the same member, it is caught', async () => {
    const { header } = await encode(dana, blind);
    const guard = new ReplayGuard();
    const first = await decodeEscalationContext(header, TEAM_KEY, { received: fromCustomer, guard });
    // The card, the wrap-up form and the history all read the first call: each time verified.
    const again = await decodeEscalationContext(header, TEAM_KEY, { received: fromCustomer, guard });
    const replayed = await decodeEscalationContext(header, TEAM_KEY, {
      received: { ...fromCustomer, sipCallId: 'the-second-call', at: ISSUED + 60_000 },
      guard,
    });
    expect([first.status, again.status]).toEqual(['verified', 'verified']);
    expect(replayed).toEqual({ status: 'not-valid', why: 'replayed', context: danaContext });
  });
});

describe('the replay guard', () => {
  it('forgets an escalation once no context of it can be valid any more', () => {
    const guard = new ReplayGuard(1_000);
    expect(guard.admit('a', 'call-1', T)).toBe(true);
    expect(guard.admit('a', 'call-2', T + 1_000)).toBe(false);
    expect(guard.admit('a', 'call-2', T + 1_001)).toBe(true);
  });

  it('holds a bounded number of escalations, dropping the oldest', () => {
    const guard = new ReplayGuard(60_000, 2);
    guard.admit('a', 'call-1', T);
    guard.admit('b', 'call-2', T);
    guard.admit('c', 'call-3', T);
    expect(guard.admit('a', 'call-9', T)).toBe(true);
    expect(guard.admit('c', 'call-9', T)).toBe(false);
  });
});

describe('decoding never throws', () => {
  it('on a value that claims to be sealed but is anything at all', async () => {
    for (const value of [
      'w2.',
      'w2..',
      'w2.AAAAAAAAAAAAAAAA.',
      'w2.AAAAAAAAAAAAAAAA.AA',
      `w2.${'A'.repeat(16)}.${'A'.repeat(4000)}`,
      'w2.a.b.c',
    ]) {
      expect((await decodeEscalationContext(value, TEAM_KEY, { received: onConsult })).status).toBe('unreadable');
    }
  });

  it('past 4 KB, before any crypto', async () => {
    const { header } = await encode();
    expect(await decodeEscalationContext(header + 'A'.repeat(4097 - header.length), TEAM_KEY)).toEqual({
      status: 'unreadable',
      why: 'oversized',
    });
  });
});
