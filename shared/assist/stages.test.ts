import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STAGES, stageChecklist, type Stage } from './stages';

const none = new Set<Stage>();

describe('de-escalation stages', () => {
  it('starts by letting the customer vent, then reassures after a minute and resolves after four', () => {
    expect(stageChecklist(0, none).current).toBe('vent');
    expect(stageChecklist(59_999, none).current).toBe('vent');
    expect(stageChecklist(60_000, none).current).toBe('reassure');
    expect(stageChecklist(239_999, none).current).toBe('reassure');
    expect(stageChecklist(240_000, none).current).toBe('resolve');
    expect(stageChecklist(240_000, none).statuses).toEqual({ vent: 'passed', reassure: 'passed', resolve: 'current' });
  });

  it('moves on as soon as the agent ticks a stage, ahead of the clock', () => {
    expect(stageChecklist(5_000, new Set<Stage>(['vent'])).statuses).toEqual({
      vent: 'done',
      reassure: 'current',
      resolve: 'upcoming',
    });
    expect(stageChecklist(5_000, new Set<Stage>(['vent', 'reassure'])).current).toBe('resolve');
    // Ticking a later stage skips the earlier one, which stays open to tick.
    expect(stageChecklist(5_000, new Set<Stage>(['reassure'])).statuses).toEqual({
      vent: 'passed',
      reassure: 'done',
      resolve: 'current',
    });
  });

  it('is complete when every stage is ticked, whatever the time', () => {
    const all = new Set<Stage>(STAGES);
    expect(stageChecklist(0, all)).toEqual({ current: undefined, statuses: { vent: 'done', reassure: 'done', resolve: 'done' } });
  });

  it('uses the thresholds it is given', () => {
    const quick = { reassureAfterMs: 1_000, resolveAfterMs: 2_000 };
    expect(stageChecklist(1_500, none, quick).current).toBe('reassure');
    expect(stageChecklist(2_000, none, quick).current).toBe('resolve');
  });

  it('never goes back as time passes, and exactly one stage is current until all are done', () => {
    const stageSet = fc.subarray([...STAGES]).map((s) => new Set<Stage>(s));
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.nat(10_000_000), stageSet, (a, b, ticked) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const first = stageChecklist(early, ticked);
        const second = stageChecklist(late, ticked);
        const rank = (s: Stage | undefined) => (s === undefined ? 3 : STAGES.indexOf(s));
        expect(rank(second.current)).toBeGreaterThanOrEqual(rank(first.current));
        const currents = Object.values(second.statuses).filter((s) => s === 'current').length;
        expect(currents).toBe(second.current === undefined ? 0 : 1);
        for (const stage of ticked) expect(second.statuses[stage]).toBe('done');
      }),
    );
  });
});
