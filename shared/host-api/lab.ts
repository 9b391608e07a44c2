import { z } from 'zod';
import { LOCALES } from '../locales';

/**
 * The embedded lab call center, as the first screen shows it: who the app is signed in as and
 * what can be tried. Null from `getLabInfo` when the app is not on the lab (a real server, or the
 * desktop app, which has no embedded lab).
 */
export const labInfoSchema = z
  .object({
    /** The lab user the settings sign in as, e.g. "1001". */
    agent: z.string().min(1).max(64),
    displayName: z.string().max(200),
    /** The queues this agent answers, in the lab's order. */
    queues: z.array(z.string().min(1).max(64)).max(50),
    /** Who answers escalations (the `senior` queue's first member); null when that is this agent or nobody. */
    seniorAgent: z.string().min(1).max(64).nullable(),
    /** The lab's read-only status page. */
    statusUrl: z.string().max(300),
  })
  .strict();
export type LabInfo = Readonly<z.infer<typeof labInfoSchema>>;

/** "Have a customer call me": the lab places a simulated customer call to the agent's first queue. */
export const labCallMeArgsSchema = z
  .object({
    /** The complaint's language: the UI's. */
    language: z.enum(LOCALES),
  })
  .strict();

export const labCallPlacedSchema = z
  .object({
    queue: z.string().min(1).max(64),
    /** The customer's name, as the ringing call will show it. */
    caller: z.string().max(64),
  })
  .strict();
export type LabCallPlaced = Readonly<z.infer<typeof labCallPlacedSchema>>;
