import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../shared/locales';
import da from './locales/da.json';
import en from './locales/en.json';
import nb from './locales/nb.json';
import nl from './locales/nl.json';
import tl from './locales/tl.json';
import daViews from './locales/views/da.json';
import enViews from './locales/views/en.json';
import nbViews from './locales/views/nb.json';
import nlViews from './locales/views/nl.json';
import tlViews from './locales/views/tl.json';

// The phone screen's words and the views' words (fetched with the first view), checked as one.
const start: Record<string, unknown> = { en, nl, da, nb, tl };
const views: Record<string, unknown> = { en: enViews, nl: nlViews, da: daViews, nb: nbViews, tl: tlViews };

/**
 * Values that are rightly the same as English (walk fault 11), checked by a native reading: the
 * product's name, "Status", and loan words in everyday use at work in that language. Anything
 * else identical to English is an untranslated string.
 */
const SAME_AS_ENGLISH: Readonly<Record<string, readonly string[]>> = {
  all: ['app.name', 'status.stateWithReason', 'supervision.waiting.line'],
  // Dutch: offline, lunch, training, team and supervisor are ordinary Dutch at work.
  nl: [
    'status.agentState',
    'agentState.offline',
    'breakReason.lunch',
    'breakReason.training',
    'assist.phrases.team',
    'team.title',
    'team.state.offline',
    'supervision.settings.title',
  ],
  // Danish: offline, situation, team, agent, supervisor and coach (as in "Du coacher") are Danish in use.
  da: [
    'status.agentState',
    'agentState.offline',
    'escalation.severities.3',
    'assist.phrases.situation',
    'assist.phrases.team',
    'assist.team.situation',
    'team.title',
    'team.state.offline',
    'supervision.agent',
    'supervision.start.coach',
    'supervision.mode.coach',
    'supervision.settings.title',
  ],
  nb: ['status.agentState', 'escalation.severities.3', 'assist.phrases.team', 'team.title', 'supervision.agent'],
  // Tagalog at a call centre (Taglish): keypad, offline, password, customer, warm transfer and three-way are said in English.
  tl: [
    'agentState.offline',
    'calls.actions.keypad',
    'dialer.keypad',
    'settings.password.label',
    'consult.region',
    'consult.merge',
    'handoff.customer',
    'handoff.note',
    'history.caller',
    'customer.region',
    'team.state.offline',
  ],
};

function flatten(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
/** A language's keys as the app looks them up: the two files are one set of keys between them. */
const keysOf = (locale: string) => new Map([...flatten(start[locale]), ...flatten(views[locale])]);
const english = keysOf('en');

describe('translations', () => {
  it('ships every UI language', () => {
    expect(Object.keys(start).sort()).toEqual([...LOCALES].sort());
    expect(Object.keys(views).sort()).toEqual([...LOCALES].sort());
  });

  it('has each key in one of the two files, not both, and in the same file as English', () => {
    const englishStart = [...flatten(en).keys()].sort();
    for (const locale of LOCALES) {
      const inStart = new Set(flatten(start[locale]).keys());
      expect(
        [...flatten(views[locale]).keys()].filter((key) => inStart.has(key)),
        locale,
      ).toEqual([]);
      expect([...inStart].sort(), locale).toEqual(englishStart);
    }
  });

  it('Dutch addresses the agent one way throughout: je, never u (u is for customers, inside quotes)', () => {
    const formal = [...keysOf('nl')]
      .map(([key, text]) => [key, text.replace(/‘[^’]*’/g, '')] as const)
      .filter(([, text]) => /(^|[^\p{L}])(u|uw)([^\p{L}]|$)/iu.test(text))
      .map(([key]) => key);
    expect(formal).toEqual([]);
  });

  it('Tagalog calls "My figures" statistics, not numero (a phone number)', () => {
    const figures = [...keysOf('tl')].filter(([key]) => key.startsWith('figures.'));
    expect(figures.filter(([, text]) => /numero/i.test(text)).map(([key]) => key)).toEqual([]);
  });

  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    const translated = keysOf(locale);

    it(`${locale} has exactly the English keys, none missing, none extra`, () => {
      expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
    });

    it(`${locale} keeps every {{placeholder}} of the English text`, () => {
      for (const [key, text] of english) expect(placeholders(translated.get(key) ?? ''), key).toEqual(placeholders(text));
    });

    it(`${locale} is translated, not English copied`, () => {
      const same = [...english].filter(([key, text]) => translated.get(key) === text).length;
      // Product names, "Offline", "Status: {{state}}" and the like are the same in several languages.
      expect(same / english.size).toBeLessThan(0.2);
    });

    it(`${locale} copies no English word unless it is a loan word in use there`, () => {
      const english = keysOf('en');
      const translated = keysOf(locale);
      const copied = [...english]
        .filter(([key, text]) => translated.get(key) === text && /\p{L}/u.test(text.replace(/\{\{\s*\w+\s*\}\}/g, '')))
        .map(([key]) => key)
        .filter((key) => !(SAME_AS_ENGLISH.all ?? []).includes(key) && !(SAME_AS_ENGLISH[locale] ?? []).includes(key));
      expect(copied).toEqual([]);
    });
  }
});
