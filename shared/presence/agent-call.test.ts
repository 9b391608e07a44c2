import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANSWERED, calls, CONSULT_DIALED, HELD, T } from '../call/call.fixtures';
import { ESCALATION_REASONS, SEVERITIES } from '../escalation/schema';
import { CONSULT_STATES, type PresenceCall } from './agent-call';
import { presenceCallOf } from './own-call';
import { buildPidf, parsePidf } from './pidf';

const entity = 'sip:1001@warmline.lab';
const NOW = T + 60_000;
const onCall = (call: PresenceCall) => buildPidf({ entity, kind: 'on-call', since: ANSWERED, reason: '', call });
const readBack = (doc: string) => {
  const r = parsePidf(doc, NOW);
  return r.ok ? r.value.call : r.error;
};

describe("the agent's call in presence (issue 16: what the supervisor's board sorts by)", () => {
  it('reads back every call it writes: answered, queue, hold, escalation', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: NOW - 3_600_000, max: NOW }),
        fc.option(fc.constantFrom('support', 'senior', 'billing.nl', 'q+1'), { nil: undefined }),
        fc.option(fc.integer({ min: NOW - 600_000, max: NOW }), { nil: undefined }),
        fc.option(
          fc.record({
            reason: fc.constantFrom(...ESCALATION_REASONS),
            severity: fc.constantFrom(...SEVERITIES),
            to: fc.constantFrom('senior', 'seniors', '2001', '+4712345678'),
            state: fc.constantFrom(...CONSULT_STATES),
            since: fc.integer({ min: NOW - 600_000, max: NOW }),
          }),
          { nil: undefined },
        ),
        (since, queue, holdSince, escalation) => {
          const call: PresenceCall = {
            since,
            ...(queue !== undefined ? { queue } : {}),
            ...(holdSince !== undefined ? { holdSince } : {}),
            ...(escalation !== undefined ? { escalation } : {}),
          };
          expect(readBack(onCall(call))).toEqual(call);
        },
      ),
    );
  });

  it('says nothing of a call unless on a call', () => {
    const doc = buildPidf({ entity, kind: 'wrap-up', since: NOW, reason: '', call: { since: ANSWERED } });
    expect(doc).not.toContain('wl:call');
    expect(readBack(doc)).toBeUndefined();
  });

  it('drops what does not validate: unknown reasons and severities, markup in names, times a day away', () => {
    const escalation = (attrs: string) =>
      `<wl:call since="${new Date(ANSWERED).toISOString()}" queue="support"><wl:escalation ${attrs}/></wl:call>`;
    const withCall = (element: string) => onCall({ since: ANSWERED }).replace(/<wl:call[^]*<\/wl:call>/, element);
    const good = `reason="wants-higher-authority" severity="2" to="senior" state="ringing" since="${new Date(CONSULT_DIALED).toISOString()}"`;
    expect(readBack(withCall(escalation(good)))).toEqual({
      since: ANSWERED,
      queue: 'support',
      escalation: { reason: 'wants-higher-authority', severity: 2, to: 'senior', state: 'ringing', since: CONSULT_DIALED },
    });
    for (const bad of [
      good.replace('wants-higher-authority', 'constructor'),
      good.replace('severity="2"', 'severity="9"'),
      good.replace('severity="2"', 'severity="2.0"'),
      good.replace('to="senior"', 'to="&lt;img src=x onerror=alert(1)&gt;"'),
      good.replace('state="ringing"', 'state="exploded"'),
      good.replace(/since="[^"]*"/, 'since="1970-01-01T00:00:00Z"'),
    ])
      expect(readBack(withCall(escalation(bad)))).toEqual({ since: ANSWERED, queue: 'support' });
    // A bad queue is left out; a bad or far-off answer time drops the whole call.
    expect(readBack(withCall(`<wl:call since="${new Date(ANSWERED).toISOString()}" queue="a b"/>`))).toEqual({
      since: ANSWERED,
    });
    expect(readBack(withCall('<wl:call since="not a date"/>'))).toBeUndefined();
    expect(readBack(withCall(`<wl:call since="${new Date(NOW + 2 * 86_400_000).toISOString()}"/>`))).toBeUndefined();
    expect(readBack(withCall(`<wl:call since="${'9'.repeat(60)}"/>`))).toBeUndefined();
  });

  it('never writes what it would not read: a queue or target with markup is left out', () => {
    const doc = onCall({
      since: ANSWERED,
      queue: '<b>q</b>',
      escalation: { reason: 'lacks-expertise', severity: 1, to: '"><script>', state: 'ringing', since: CONSULT_DIALED },
    });
    expect(doc).not.toContain('<b>');
    expect(doc).not.toContain('script');
    expect(readBack(doc)).toEqual({ since: ANSWERED });
  });
});

describe("the agent's own call as presence", () => {
  const sent = { reason: 'solution-not-accepted', severity: 2, to: 'senior' } as const;

  it('nothing before the call is answered', () => {
    expect(presenceCallOf(calls.offered, 'support', undefined)).toBeUndefined();
    expect(presenceCallOf(calls.dialing, undefined, undefined)).toBeUndefined();
  });

  it('answered, with its queue; the customer on hold since the hold began', () => {
    expect(presenceCallOf(calls.active, 'support', undefined)).toEqual({ since: ANSWERED, queue: 'support' });
    expect(presenceCallOf(calls['on-hold'], undefined, sent)).toEqual({ since: ANSWERED, holdSince: HELD });
  });

  it('the escalation while its consult leg is up, and not after', () => {
    expect(presenceCallOf(calls['consult-ringing'], 'support', sent)).toEqual({
      since: ANSWERED,
      queue: 'support',
      holdSince: CONSULT_DIALED,
      escalation: { ...sent, state: 'ringing', since: CONSULT_DIALED },
    });
    expect(presenceCallOf(calls.consulting, 'support', sent)?.escalation?.state).toBe('talking');
    expect(presenceCallOf(calls['three-way'], 'support', sent)).toEqual({
      since: ANSWERED,
      queue: 'support',
      escalation: { ...sent, state: 'three-way', since: CONSULT_DIALED },
    });
    const completing = { ...calls.transferring, resumeTo: calls.consulting };
    expect(presenceCallOf(completing, 'support', sent)?.escalation?.state).toBe('talking');
    // Cancelled or failed: the customer is back on hold, no escalation in progress.
    expect(presenceCallOf(calls['on-hold'], 'support', sent)?.escalation).toBeUndefined();
    // The consult leg not known yet (no far end): no target to show.
    expect(presenceCallOf(calls['consult-ringing'], 'support', { ...sent, to: undefined })?.escalation).toBeUndefined();
  });
});
