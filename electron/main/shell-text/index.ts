import { DEFAULT_LOCALE, isLocale, type Locale } from '../../../shared/locales';
import { da } from './da';
import { en } from './en';
import { nb } from './nb';
import { nl } from './nl';
import { tl } from './tl';
import type { ShellText } from './types';

export type { ShellText } from './types';

/**
 * The shell's own catalogs. Main may not import the renderer's locale files (DESIGN.md), and it
 * needs only these few texts, so they live here, one file a language, with the same wording as
 * the window where the window has the same idea.
 */
export const SHELL_TEXT: Readonly<Record<Locale, ShellText>> = { en, nl, da, nb, tl };

/** The texts for the agent's language; anything that is not one of ours falls back to English. */
export function shellText(language: unknown): ShellText {
  return SHELL_TEXT[isLocale(language) ? language : DEFAULT_LOCALE];
}

/**
 * Fills `{name}` marks with values in one pass, so a value that itself contains `{queue}` (a
 * caller's display name is untrusted) is shown as written, never filled in again.
 */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (mark, name: string) => (Object.hasOwn(values, name) ? values[name]! : mark));
}
