import { z } from 'zod/mini';

/**
 * The queue board the app shows (issue 15), as the lab's `x-warmline-queues` event package sends
 * it (electron/lab/README.md). Any other source (an Asterisk or FreeSWITCH adapter) produces the
 * same shape. Parsed from the network: bounded, unknown keys dropped, never thrown.
 */
export const QUEUE_BOARD_EVENT = 'x-warmline-queues';
const MAX_BODY = 64 * 1024;
const count = z.int().check(z.minimum(0)).check(z.maximum(1_000_000));

const user = z.string().check(z.regex(/^[\w.+-]{1,64}$/));

const entrySchema = z.object({
  name: z
    .string()
    .check(z.minLength(1))
    .check(z.maxLength(64))
    .check(z.regex(/^[\w.+-]+$/)),
  waiting: count,
  longestWaitSeconds: count,
  members: z.object({ available: count, onCall: count, wrapUp: count, break: count, offline: count }),
  serviceLevel: z.object({ targetSeconds: count, answered: count, withinTarget: count }),
  /** How long a call in this queue should take (a supervisor's "over target"), where the source says. */
  callTargetSeconds: z.optional(z.int().check(z.minimum(1)).check(z.maximum(86_400))),
  /** The queue's members (SIP users), where the source names them: the team list's default. */
  people: z.optional(z.array(user).check(z.maxLength(300))),
  /**
   * Escalation consults waiting in the queue (issue 16), where the source tells them: the agent
   * who escalates, how long it has waited, and the member it rings now (none: between members).
   */
  consults: z.optional(z.array(z.object({ from: user, waitedSeconds: count, ringing: z.optional(user) })).check(z.maxLength(50))),
});
const boardSchema = z.object({ v: z.literal(1), queues: z.array(entrySchema).check(z.maxLength(200)) });

export type QueueBoardEntry = Readonly<z.infer<typeof entrySchema>>;
export type QueueBoard = Readonly<z.infer<typeof boardSchema>>;

export function parseQueueBoard(body: string): QueueBoard | undefined {
  if (body.length > MAX_BODY) return undefined;
  try {
    const parsed = boardSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export { serviceLevelPercent } from './service-level';
