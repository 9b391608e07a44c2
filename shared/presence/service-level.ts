/** A queue's service level today, as the queue board carries it (shared/presence/queue-board.ts). */
export interface ServiceLevel {
  readonly targetSeconds: number;
  readonly answered: number;
  readonly withinTarget: number;
}

/**
 * Today's service level in whole percent, or undefined before the first answered call. Schema-free:
 * the team panel, shown with the app's first view, imports it without the board's parser and zod
 * (issue 19).
 */
export function serviceLevelPercent(entry: { readonly serviceLevel: ServiceLevel }): number | undefined {
  const { answered, withinTarget } = entry.serviceLevel;
  return answered === 0 ? undefined : Math.round((Math.min(withinTarget, answered) / answered) * 100);
}
