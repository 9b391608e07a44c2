import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONTEXT_HEADER, decodeEscalationContext, MAX_CONTEXT_HEADER_BYTES } from './codec';
import { dana, danaWire, olderHeader, OTHER_KEY, rawHeader, TEAM_KEY } from './escalation.fixtures';
import { escalationContextSchema, type EscalationContextInput } from './schema';

/**
 * The older, signed-only format (before contexts were sealed): still read for one release, and
 * shown as "older format" when its signature holds, never as verified. Sealed contexts: sealed.test.ts.
 */

/** What a SIP header value built by us may contain: base64url, one dot, base64url. */
const SIP_SAFE = /^[A-Za-z0-9_-]+\.(?:[A-Za-z0-9_-]{43})?$/;

/** `null` for no team key (an `undefined` argument would take the default). */
async function encode(input: EscalationContextInput, key: string | null = TEAM_KEY) {
  return { header: await olderHeader(input, key ?? undefined) };
}

const payloadJson = (header: string): unknown =>
  JSON.parse(Buffer.from(header.split('.')[0] ?? '', 'base64url').toString('utf8'));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('an older-format context as the previous Warmline wrote it', () => {
  it('is shown as older format, not verified, with its content', async () => {
    const { header } = await encode(dana);
    expect(await decodeEscalationContext(header, TEAM_KEY)).toEqual({
      status: 'older-format',
      context: escalationContextSchema.parse(dana),
    });
  });

  it('is base64url, one dot, no spaces or line breaks', async () => {
    const { header } = await encode(dana);
    expect(header).toMatch(SIP_SAFE);
    expect(header.split('.')).toHaveLength(2);
    expect(header.length).toBeLessThanOrEqual(MAX_CONTEXT_HEADER_BYTES);
  });

  it('was signed with HMAC-SHA256 over the header name and the payload, as documented', async () => {
    const { header } = await encode(dana);
    const [payload, signature] = header.split('.');
    // Computed here from the documented recipe, with the platform's Web Crypto and Buffer as oracles.
    const key = await crypto.subtle.importKey('raw', Buffer.from(TEAM_KEY), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = await crypto.subtle.sign('HMAC', key, Buffer.from(`${CONTEXT_HEADER}:${payload}`));
    const expected = Buffer.from(mac).toString('base64url');
    expect(signature).toBe(expected);
  });

  it('is compact JSON with short keys, empty text left off and restored on arrival', async () => {
    expect(payloadJson((await encode(dana)).header)).toEqual(danaWire);
    const sparse = { ...dana, customer: {}, fromQueue: '', tried: '', promised: '', note: '' };
    const { header } = await encode(sparse);
    const wire = payloadJson(header) as Record<string, unknown>;
    expect(Object.keys(wire)).not.toContain('y');
    expect(wire.c).toEqual({});
    const got = await decodeEscalationContext(header, TEAM_KEY);
    expect(got.status === 'older-format' && got.context.customer).toEqual({ name: '', number: '', reference: '' });
  });

  it('arrives unverified when unsigned', async () => {
    const { header } = await encode(dana, null);
    expect(header).toMatch(/^[A-Za-z0-9_-]+\.$/);
    expect(await decodeEscalationContext(header, TEAM_KEY)).toMatchObject({ status: 'unverified', why: 'unsigned' });
  });
});

describe('reading a received context', () => {
  it('marks a forged context (altered payload, original signature) unverified', async () => {
    const [, signature] = (await encode(dana)).header.split('.');
    const [forged] = (await encode({ ...dana, promised: 'A full refund and a free year.' })).header.split('.');
    const got = await decodeEscalationContext(`${forged}.${signature}`, TEAM_KEY);
    expect(got).toMatchObject({
      status: 'unverified',
      why: 'bad-signature',
      context: { promised: 'A full refund and a free year.' },
    });
  });

  it("marks a context signed with another team's key unverified", async () => {
    const { header } = await encode(dana, OTHER_KEY);
    expect(await decodeEscalationContext(header, TEAM_KEY)).toMatchObject({ status: 'unverified', why: 'bad-signature' });
  });

  it('marks a context with any one signature character changed unverified', async () => {
    const { header } = await encode(dana);
    const dot = header.indexOf('.');
    for (const at of [dot + 1, dot + 20, header.length - 2]) {
      const ch = header[at] === 'A' ? 'B' : 'A';
      const got = await decodeEscalationContext(header.slice(0, at) + ch + header.slice(at + 1), TEAM_KEY);
      expect(got).toMatchObject({ status: 'unverified', why: 'bad-signature' });
    }
  });

  it('shows a signed context as unverified when this agent has no team key', async () => {
    const { header } = await encode(dana);
    expect(await decodeEscalationContext(header)).toMatchObject({ status: 'unverified', why: 'no-team-key' });
    expect(await decodeEscalationContext(header, '')).toMatchObject({ status: 'unverified', why: 'no-team-key' });
  });

  it('cannot verify without Web Crypto, and says unverified rather than failing', async () => {
    const { header } = await encode(dana);
    vi.stubGlobal('crypto', undefined);
    expect(await decodeEscalationContext(header, TEAM_KEY)).toMatchObject({ status: 'unverified', why: 'bad-signature' });
  });

  it('accepts the whitespace a SIP parser may leave around a value', async () => {
    const { header } = await encode(dana);
    expect((await decodeEscalationContext(` ${header}\t`, TEAM_KEY)).status).toBe('older-format');
  });

  it('calls a header cut anywhere in transit truncated, never verified', async () => {
    const { header } = await encode(dana);
    const dot = header.indexOf('.');
    for (let cutAt = 1; cutAt < header.length; cutAt++) {
      const got = await decodeEscalationContext(header.slice(0, cutAt), TEAM_KEY);
      // Cut right after the dot, it reads as an unsigned context: shown, but marked unverified.
      if (cutAt === dot + 1) expect(got).toMatchObject({ status: 'unverified', why: 'unsigned' });
      else expect(got).toEqual({ status: 'unreadable', why: 'truncated' });
    }
  });

  it.each([
    ['an empty value', ''],
    ['a lone dot', '.'],
    ['three segments', 'eyJ2IjoxfQ.abc.def'],
    ['standard base64 characters', 'eyJ2Ijox+Q/.'],
    ['base64 padding', 'eyJ2IjoxfQ==.'],
    ['an impossible base64 length', 'eyJ2IjoxfQx.'],
    ['non-canonical base64 (a second spelling)', 'eyJ2IjoxfR.'],
    ['bytes that are not UTF-8', `${Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')}.`],
    ['non-ASCII in the value', 'eyJ2Ijox€.'],
    ['a signature of the wrong alphabet', `eyJ2IjoxfQ.${'+'.repeat(43)}`],
    ['a signature too long', `eyJ2IjoxfQ.${'A'.repeat(44)}`],
    ['a signature that is not canonical base64url', `eyJ2IjoxfQ.${'A'.repeat(42)}B`],
  ])('calls %s malformed', async (_name, header) => {
    expect(await decodeEscalationContext(header, TEAM_KEY)).toEqual({ status: 'unreadable', why: 'malformed-encoding' });
  });

  it.each([undefined, null, 42, { header: 'x' }, ['a.b']])('calls a non-string (%j) malformed', async (header) => {
    expect(await decodeEscalationContext(header, TEAM_KEY)).toEqual({ status: 'unreadable', why: 'malformed-encoding' });
  });

  it.each([
    ['plain text', 'hello, senior'],
    ['a JSON object cut short', '{"v":1,"i":"0123'],
    ['JavaScript, not JSON', "{v:1, i:'x'}"],
    ['an empty payload', ' '],
  ])('calls %s invalid JSON, even when correctly signed', async (_name, text) => {
    expect(await decodeEscalationContext(await rawHeader(text, TEAM_KEY), TEAM_KEY)).toEqual({
      status: 'unreadable',
      why: 'invalid-json',
    });
  });
});
