import { z } from 'zod';
import { displaySafe, truncateText } from '../text';

/** The longest string any display field accepts before it is refused outright. */
export const MAX_RAW_TEXT = 1024;

/**
 * Text that came from the network (a caller's display name, a queue name, a colleague's reason)
 * on its way to an OS surface: refused when absurdly long, otherwise made safe to show and cut
 * to `max` characters. It is never refused for odd characters, so one hostile display name
 * cannot stop the tray and notifications from following the agent's state.
 */
export const displayText = (max: number) =>
  z
    .string()
    .max(MAX_RAW_TEXT)
    .transform((s) => truncateText(displaySafe(s), max));

/** Identifiers we generated ourselves (call ids): checked, never rewritten. */
export const identifier = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\w.@:+~-]+$/);
