import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY, holdGuidance, slaGuidance, slaPolicyFor } from './guidance';

describe('SLA guidance', () => {
  it('is on track until 80 % of the target, nudges to escalate before it, and says when it is breached', () => {
    expect(slaGuidance(0)).toEqual({ kind: 'on-track' });
    expect(slaGuidance(287_999)).toEqual({ kind: 'on-track' });
    expect(slaGuidance(288_000)).toEqual({ kind: 'escalate-soon', remainingMs: 72_000 });
    expect(slaGuidance(359_999)).toEqual({ kind: 'escalate-soon', remainingMs: 1 });
    expect(slaGuidance(360_000)).toEqual({ kind: 'breached', overMs: 0 });
    expect(slaGuidance(400_000)).toEqual({ kind: 'breached', overMs: 40_000 });
  });

  it("follows the queue's own target and nudge point", () => {
    expect(slaGuidance(50_000, { targetMs: 100_000, nudgeAt: 0.5 })).toEqual({ kind: 'escalate-soon', remainingMs: 50_000 });
    expect(slaGuidance(-5, DEFAULT_SLA_POLICY)).toEqual({ kind: 'on-track' });
  });

  it('only gets more urgent as the call goes on', () => {
    const rank = { 'on-track': 0, 'escalate-soon': 1, breached: 2 } as const;
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.nat(10_000_000), (a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(rank[slaGuidance(late).kind]).toBeGreaterThanOrEqual(rank[slaGuidance(early).kind]);
      }),
    );
  });
});

describe('hold guidance', () => {
  it('says nothing when not on hold, checks in at 30 s and goes back at 60 s', () => {
    expect(holdGuidance(undefined)).toBe('none');
    expect(holdGuidance(29_999)).toBe('none');
    expect(holdGuidance(30_000)).toBe('check-in');
    expect(holdGuidance(59_999)).toBe('check-in');
    expect(holdGuidance(60_000)).toBe('return');
  });
});

describe('the call target a call is measured against', () => {
  const settings = { callTargetSeconds: 360, queueTargets: [{ queue: 'Billing', seconds: 600 }] };
  it('is the queue’s own target (names compare case-insensitively), else the team default', () => {
    expect(slaPolicyFor('billing', settings).targetMs).toBe(600_000);
    expect(slaPolicyFor('support', settings).targetMs).toBe(360_000);
    expect(slaPolicyFor(undefined, settings).targetMs).toBe(360_000);
    expect(slaPolicyFor('billing', settings).nudgeAt).toBe(DEFAULT_SLA_POLICY.nudgeAt);
  });
});
