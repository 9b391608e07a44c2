/**
 * The three stages of de-escalation, in the order a trainer teaches them: let the customer vent
 * (and validate the feeling), reassure and steer, then resolve and confirm.
 */
export const STAGES = ['vent', 'reassure', 'resolve'] as const;
export type Stage = (typeof STAGES)[number];

/** When talk time alone moves the checklist on; the agent's ticks can move it sooner. */
export interface StageThresholds {
  readonly reassureAfterMs: number;
  readonly resolveAfterMs: number;
}

// A minute to be heard is what most customers need before they can listen; four in, it is time to land.
export const DEFAULT_STAGE_THRESHOLDS: StageThresholds = { reassureAfterMs: 60_000, resolveAfterMs: 240_000 };

/**
 * done: ticked by the agent. passed: time moved on without a tick (the agent may still tick it).
 * current: where the agent is now. upcoming: not yet.
 */
export type StageStatus = 'done' | 'passed' | 'current' | 'upcoming';

export interface StageChecklist {
  /** Undefined once every stage is ticked: the call is resolved. */
  readonly current: Stage | undefined;
  readonly statuses: Readonly<Record<Stage, StageStatus>>;
}

function stageIndexByTime(talkMs: number, thresholds: StageThresholds): number {
  if (talkMs >= thresholds.resolveAfterMs) return 2;
  if (talkMs >= thresholds.reassureAfterMs) return 1;
  return 0;
}

/**
 * The checklist at `talkMs` of talk time. A tick moves past that stage at once; time only ever
 * moves forward, so when ticks and time disagree the one further on wins, and a tick is never
 * undone by the clock.
 */
export function stageChecklist(
  talkMs: number,
  ticked: ReadonlySet<Stage>,
  thresholds: StageThresholds = DEFAULT_STAGE_THRESHOLDS,
): StageChecklist {
  const lastTicked = STAGES.reduce((last, stage, i) => (ticked.has(stage) ? i : last), -1);
  const index = Math.max(stageIndexByTime(talkMs, thresholds), lastTicked + 1);
  const current = STAGES[index];
  const statusOf = (stage: Stage, i: number): StageStatus =>
    ticked.has(stage) ? 'done' : i < index ? 'passed' : i === index ? 'current' : 'upcoming';
  return {
    current,
    statuses: { vent: statusOf('vent', 0), reassure: statusOf('reassure', 1), resolve: statusOf('resolve', 2) },
  };
}
