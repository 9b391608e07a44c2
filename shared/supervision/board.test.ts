import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PresenceCall } from '../presence/agent-call';
import { DEFAULT_CALL_TARGET_SECONDS, sortBoard, type BoardAgent } from './board';

const NOW = 1_800_000_000_000;
const ago = (seconds: number) => NOW - seconds * 1000;
const agent = (user: string, kind: BoardAgent['kind'], since?: number, call?: PresenceCall): BoardAgent => ({
  user,
  kind,
  since,
  ...(call ? { call } : {}),
});
const escalation = (severity: 1 | 2 | 3 | 4, sinceSeconds = 30) =>
  ({ reason: 'wants-higher-authority', severity, to: 'senior', state: 'ringing', since: ago(sinceSeconds) }) as const;
const order = (agents: BoardAgent[], targetOf?: (q: string | undefined) => number) =>
  sortBoard(agents, NOW, targetOf).map((a) => a.user);

describe("the supervisor's board order: who needs help on top", () => {
  it('puts the longest call on top, then wrap-up, then the free and the away (no call facts published)', () => {
    const sorted = order([
      agent('ana', 'available', 1_000),
      agent('bo', 'on-call', 5_000),
      agent('cy', 'offline'),
      agent('di', 'on-call', 2_000),
      agent('ed', 'wrap-up', 1_000),
      agent('fa', 'break', 500),
      agent('gu', 'on-call'),
    ]);
    expect(sorted).toEqual(['di', 'bo', 'gu', 'ed', 'ana', 'fa', 'cy']);
  });

  it('a customer on hold comes first, the longest hold on top, whatever the call lengths', () => {
    const sorted = order([
      agent('long-call', 'on-call', ago(1_000), { since: ago(1_000) }),
      agent('held-20s', 'on-call', ago(100), { since: ago(100), holdSince: ago(20) }),
      agent('held-90s', 'on-call', ago(120), { since: ago(120), holdSince: ago(90) }),
      agent('talking', 'on-call', ago(60), { since: ago(60) }),
    ]);
    expect(sorted).toEqual(['held-90s', 'held-20s', 'long-call', 'talking']);
  });

  it('among equal holds the more severe escalation first; an escalation without a hold next, by severity', () => {
    const sorted = order([
      agent('three-way-sev3', 'on-call', ago(50), { since: ago(50), escalation: { ...escalation(3), state: 'three-way' } }),
      agent('held-sev2', 'on-call', ago(50), { since: ago(50), holdSince: ago(30), escalation: escalation(2) }),
      agent('held-sev1', 'on-call', ago(50), { since: ago(50), holdSince: ago(30), escalation: escalation(1) }),
      agent('three-way-sev1', 'on-call', ago(50), { since: ago(50), escalation: { ...escalation(1), state: 'three-way' } }),
      agent('over-target', 'on-call', ago(400), { since: ago(400) }),
    ]);
    expect(sorted).toEqual(['held-sev1', 'held-sev2', 'three-way-sev1', 'three-way-sev3', 'over-target']);
  });

  it("a call over its queue's target before longer calls within theirs; the furthest over first", () => {
    const targets: Record<string, number> = { quick: 60, slow: 900 };
    const targetOf = (q: string | undefined) => (q ? (targets[q] ?? DEFAULT_CALL_TARGET_SECONDS) : DEFAULT_CALL_TARGET_SECONDS);
    const sorted = order(
      [
        agent('slow-600s', 'on-call', ago(600), { since: ago(600), queue: 'slow' }),
        agent('quick-100s', 'on-call', ago(100), { since: ago(100), queue: 'quick' }),
        agent('quick-200s', 'on-call', ago(200), { since: ago(200), queue: 'quick' }),
        agent('default-310s', 'on-call', ago(310), { since: ago(310) }),
        agent('wrap', 'wrap-up', ago(700)),
      ],
      targetOf,
    );
    // Over by 140 s, 40 s and 10 s; then the call within its target; then wrap-up.
    expect(sorted).toEqual(['quick-200s', 'quick-100s', 'default-310s', 'slow-600s', 'wrap']);
  });

  it('is a total order: the same board whatever order the agents arrive in', () => {
    const kinds = ['available', 'on-call', 'wrap-up', 'break', 'offline', 'unknown'] as const;
    const arbitrary = fc.record({
      kind: fc.constantFrom(...kinds),
      since: fc.option(fc.integer({ min: ago(3_000), max: NOW }), { nil: undefined }),
      hold: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
      severity: fc.option(fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>, { nil: undefined }),
      length: fc.integer({ min: 0, max: 2_000 }),
    });
    fc.assert(
      fc.property(fc.array(arbitrary, { maxLength: 12 }), fc.integer(), (rows, seed) => {
        const agents = rows.map((r, i) =>
          agent(`a${i}`, r.kind, r.since, {
            since: ago(r.length),
            ...(r.hold !== undefined ? { holdSince: ago(r.hold) } : {}),
            ...(r.severity !== undefined ? { escalation: escalation(r.severity) } : {}),
          }),
        );
        const shuffled = [...agents].sort(
          (a, b) => ((a.user.length * seed) % 7) - ((b.user.length * seed) % 7) || (seed % 2 ? 1 : -1),
        );
        expect(order(shuffled)).toEqual(order(agents));
      }),
    );
  });
});
