import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ReplayGuard,
  signSupervisionRequest,
  SUPERVISION_MODES,
  SUPERVISION_VALIDITY_MS,
  verifySupervisionRequest,
  type VerifyContext,
} from './request';

const KEY = 'team-key-for-tests';
const T0 = Date.UTC(2026, 11, 6, 12);
const base = { mode: 'listen' as const, supervisor: '4001', agent: '1001', call: 'abc123@host', issuedAt: T0 };
const context = (over: Partial<VerifyContext> = {}): VerifyContext => ({
  teamKey: KEY,
  now: T0 + 1_000,
  agent: '1001',
  activeCalls: ['abc123@host'],
  replay: new ReplayGuard(),
  ...over,
});

describe('a supervisor request (listen, coach, barge) signed with the team key', () => {
  it('is accepted once, for this agent, on the call it names, within a minute', async () => {
    for (const mode of SUPERVISION_MODES) {
      const header = await signSupervisionRequest({ ...base, mode }, KEY);
      const ctx = context();
      const first = await verifySupervisionRequest(header, ctx);
      expect(first).toMatchObject({ ok: true, value: { mode, supervisor: '4001', call: 'abc123@host' } });
      expect(await verifySupervisionRequest(header, ctx)).toEqual({ ok: false, error: 'replayed' });
    }
  });

  it('is refused when unsigned, forged, expired, early, for another agent or another call', async () => {
    const header = await signSupervisionRequest(base, KEY);
    const [payload] = header.split('.');
    expect(await verifySupervisionRequest(`${payload}.`, context())).toEqual({ ok: false, error: 'unsigned' });
    expect(await verifySupervisionRequest(header, context({ teamKey: 'another key' }))).toEqual({
      ok: false,
      error: 'bad-signature',
    });
    expect(await verifySupervisionRequest(header, context({ teamKey: '' }))).toEqual({ ok: false, error: 'no-team-key' });
    expect(await verifySupervisionRequest(header, context({ now: T0 + SUPERVISION_VALIDITY_MS + 1 }))).toEqual({
      ok: false,
      error: 'expired',
    });
    expect(await verifySupervisionRequest(header, context({ now: T0 - 60_000 }))).toEqual({
      ok: false,
      error: 'from-the-future',
    });
    expect(await verifySupervisionRequest(header, context({ agent: '1002' }))).toEqual({ ok: false, error: 'other-agent' });
    expect(await verifySupervisionRequest(header, context({ activeCalls: ['other@host'] }))).toEqual({
      ok: false,
      error: 'other-call',
    });
  });

  it('a changed payload breaks the signature (the mode cannot be raised from listen to barge)', async () => {
    const header = await signSupervisionRequest(base, KEY);
    const [payload = '', mac] = header.split('.');
    const json = Buffer.from(payload, 'base64url').toString('utf8').replace('"listen"', '"barge"');
    const forged = `${Buffer.from(json).toString('base64url')}.${mac}`;
    expect(await verifySupervisionRequest(forged, context())).toEqual({ ok: false, error: 'bad-signature' });
  });

  it('never throws on whatever arrives in the header', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (s) => {
        const r = await verifySupervisionRequest(s, context());
        expect(r.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
    expect(await verifySupervisionRequest('x'.repeat(5_000), context())).toEqual({ ok: false, error: 'malformed' });
  });

  it('the replay guard forgets ids once they could no longer be used, and stays bounded', () => {
    const guard = new ReplayGuard(2);
    expect(guard.firstUse('a', T0 + 10, T0)).toBe(true);
    expect(guard.firstUse('a', T0 + 10, T0 + 5)).toBe(false);
    expect(guard.firstUse('a', T0 + 100, T0 + 11)).toBe(true);
    expect(guard.firstUse('b', T0 + 100, T0 + 11)).toBe(true);
    expect(guard.firstUse('c', T0 + 100, T0 + 11)).toBe(true);
  });
});
