import { z } from 'zod/mini';
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
  z.pipe(
    z.string().check(z.maxLength(MAX_RAW_TEXT)),
    z.transform((s) => truncateText(displaySafe(s), max)),
  );

/** Identifiers we generated ourselves (call ids): checked, never rewritten. */
export const identifier = z
  .string()
  .check(z.minLength(1))
  .check(z.maxLength(128))
  .check(z.regex(/^[\w.@:+~-]+$/));
