import type { Locale } from '../../../shared/locales';

/** What a string's {{placeholders}} are filled with; `count` also picks the plural form. */
export type TranslationValues = Readonly<Record<string, string | number | null | undefined>>;

/** Looks a UI string up by its dotted key and fills it in; an unknown key comes back as itself. */
export type TFunction = (key: string, values?: TranslationValues) => string;

/** One language's UI strings, ready to look up: built once per language, not on every render. */
export interface Translator {
  readonly language: Locale;
  readonly t: TFunction;
  /** Whether the language has this key, for text that may come from elsewhere (a colleague's own break reason). */
  readonly has: (key: string) => boolean;
}

/** A translator that takes more of its language's words later: the views' words arrive with the first view (issue 19). */
export interface GrowingTranslator extends Translator {
  /** Adds words to look up, in the same nested form as the locale files. */
  readonly add: (messages: unknown) => void;
}

/** A string split at its placeholders: the literal parts at even indexes, placeholder names at odd ones. */
type Template = string | readonly string[];

const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;

function compile(text: string): Template {
  if (!text.includes('{{')) return text;
  const parts = text.split(PLACEHOLDER);
  return parts.length === 1 ? text : parts;
}

/** The nested locale file as dotted keys (`calls.actions.answer`), as i18next's JSON format nests them. */
function flatten(tree: unknown, prefix: string, into: Map<string, Template>): void {
  if (typeof tree !== 'object' || tree === null) return;
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') into.set(path, compile(value));
    else flatten(value, path, into);
  }
}

/**
 * The translator for one language's strings. Interpolation is one pass over the template, so a
 * value that itself contains "{{x}}" (a display name from the network) is copied as it is, never
 * filled in again; values are text, never markup: React escapes what it renders. A missing value
 * becomes empty, as i18next did. With a numeric `count`, `key_one`/`key_other` (i18next's v4 JSON
 * names, CLDR's categories through Intl.PluralRules) are tried before `key`.
 */
export function createTranslator(language: Locale, messages: unknown): GrowingTranslator {
  const templates = new Map<string, Template>();
  flatten(messages, '', templates);
  const plurals = new Intl.PluralRules(language);

  const lookup = (key: string, values: TranslationValues | undefined): Template | undefined => {
    const count = values?.count;
    if (typeof count === 'number') {
      const form = templates.get(`${key}_${plurals.select(count)}`) ?? templates.get(`${key}_other`);
      if (form !== undefined) return form;
    }
    return templates.get(key);
  };

  const t: TFunction = (key, values) => {
    const template = lookup(key, values);
    if (template === undefined) return key;
    if (typeof template === 'string') return template;
    let out = '';
    for (let i = 0; i < template.length; i += 1) {
      if (i % 2 === 0) out += template[i];
      else {
        const name = template[i] as string;
        const value = values && Object.hasOwn(values, name) ? values[name] : undefined;
        out += value === undefined || value === null ? '' : String(value);
      }
    }
    return out;
  };

  return { language, t, has: (key) => templates.has(key), add: (more) => flatten(more, '', templates) };
}
