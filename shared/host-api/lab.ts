import { z } from 'zod/mini';
import { LOCALES } from '../locales';

/**
 * The embedded lab call center, as the first screen shows it: who the app is signed in as and
 * what can be tried. Null from `getLabInfo` when the app is not on the lab (a real server, or the
 * desktop app, which has no embedded lab).
 */
export const labInfoSchema = z.strictObject({
  /** The lab user the settings sign in as, e.g. "1001". */
  agent: z.string().check(z.minLength(1)).check(z.maxLength(64)),
  displayName: z.string().check(z.maxLength(200)),
  /** The queues this agent answers, in the lab's order. */
  queues: z.array(z.string().check(z.minLength(1)).check(z.maxLength(64))).check(z.maxLength(50)),
  /** Who answers escalations (the `senior` queue's first member); null when that is this agent or nobody. */
  seniorAgent: z.nullable(z.string().check(z.minLength(1)).check(z.maxLength(64))),
  /** The lab's read-only status page. */
  statusUrl: z.string().check(z.maxLength(300)),
});
export type LabInfo = Readonly<z.infer<typeof labInfoSchema>>;

/** "Have a customer call me": the lab places a simulated customer call to the agent's first queue. */
export const labCallMeArgsSchema = z.strictObject({
  /** The complaint's language: the UI's. */
  language: z.enum(LOCALES),
});

export const labCallPlacedSchema = z.strictObject({
  queue: z.string().check(z.minLength(1)).check(z.maxLength(64)),
  /** The customer's name, as the ringing call will show it. */
  caller: z.string().check(z.maxLength(64)),
});
export type LabCallPlaced = Readonly<z.infer<typeof labCallPlacedSchema>>;
