import { z } from 'zod/mini';
import type { TransferTarget } from '../call/call';
import { line } from './text';

export const TARGET_LIMITS = { agentId: 64, name: 64, number: 32 } as const;

/** The shape of `TransferTarget` in shared/call, so a call's consult and transfer targets pass through as they are. */
export const transferTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('queue'), queue: z.enum(['senior', 'technical']) }),
  z.strictObject({
    kind: z.literal('agent'),
    agentId: z.pipe(line(TARGET_LIMITS.agentId), z.string().check(z.minLength(1))),
    displayName: z.optional(line(TARGET_LIMITS.name)),
  }),
  z.strictObject({ kind: z.literal('external'), number: z.string().check(z.regex(/^\+?[0-9*#]{1,32}$/)) }),
]);

export type TargetKind = TransferTarget['kind'];

/** A target as three columns: what kind, the queue / agent id / number, and a name to show. */
export interface TargetColumns {
  readonly kind: TargetKind;
  readonly value: string;
  readonly name: string;
}

export function targetColumns(target: z.output<typeof transferTargetSchema>): TargetColumns {
  switch (target.kind) {
    case 'queue':
      return { kind: 'queue', value: target.queue, name: '' };
    case 'agent':
      return { kind: 'agent', value: target.agentId, name: target.displayName ?? '' };
    case 'external':
      return { kind: 'external', value: target.number, name: '' };
    default:
      throw new TypeError(`Unhandled target: ${JSON.stringify(target satisfies never)}`);
  }
}
