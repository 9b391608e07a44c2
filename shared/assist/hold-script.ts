import { displaySafe } from '../text';
import type { AssistContent } from './content-schema';

/** Where a hold script line says the caller's name. */
export const NAME_SLOT = '{name}';

/**
 * The hold script for this caller (walk fault 10): `{name}` becomes the caller's name where the
 * call has one, and where it has none the line is said without it (", {name}" and the space before
 * it go), never as a raw placeholder. A name that is only the number is no name.
 */
export function holdScript(hold: AssistContent['hold'], callerName: string | undefined, number?: string): AssistContent['hold'] {
  const name = displaySafe(callerName ?? '');
  const known = name !== '' && name !== number;
  const fill = (line: string) =>
    known ? line.split(NAME_SLOT).join(name) : line.replace(/,?\s*\{name\}/g, '').replace(/^\{name\}\s*/, '');
  return { checkIn: fill(hold.checkIn), return: hold.return.map(fill) };
}
