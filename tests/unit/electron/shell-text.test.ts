import { describe, expect, it } from 'vitest';
import { fill, SHELL_TEXT, shellText, type ShellText } from '../../../electron/main/shell-text';
import { LOCALES } from '../../../shared/locales';

function flatten(text: ShellText): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(text)) {
    if (typeof value === 'string') out.set(key, value);
    else for (const [inner, v] of Object.entries(value as Record<string, string>)) out.set(`${key}.${inner}`, v);
  }
  return out;
}

const marks = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const english = flatten(SHELL_TEXT.en);

/**
 * Texts that are the same word as in English on purpose, as the window says them too:
 * "Offline", "Status", and Dutch "Lunch" and "Training". Anything else equal to English is a
 * translation someone forgot.
 */
const SAME_AS_ENGLISH: Readonly<Record<string, readonly string[]>> = {
  nl: ['offline', 'goOffline', 'status', 'breakReasons.lunch', 'breakReasons.training'],
  da: ['offline', 'goOffline', 'status'],
  nb: ['status'],
  tl: ['offline'],
};

describe('the desktop shell’s texts (tray, OS notifications)', () => {
  it('exist for every UI language', () => {
    expect(Object.keys(SHELL_TEXT).sort()).toEqual([...LOCALES].sort());
  });

  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    const translated = flatten(SHELL_TEXT[locale]);

    it(`${locale} has every key, none empty, each with the English {marks}`, () => {
      expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, value] of translated) {
        expect(value.trim(), key).not.toBe('');
        expect(marks(value), key).toEqual(marks(english.get(key) ?? ''));
      }
    });

    it(`${locale} is translated, not English copied`, () => {
      const same = [...translated].filter(([key, value]) => english.get(key) === value).map(([key]) => key);
      expect(same.sort()).toEqual([...(SAME_AS_ENGLISH[locale] ?? [])].sort());
    });
  }

  it('falls back to English for a language Warmline does not ship', () => {
    expect(shellText('nb')).toBe(SHELL_TEXT.nb);
    expect(shellText('de')).toBe(SHELL_TEXT.en);
    expect(shellText(undefined)).toBe(SHELL_TEXT.en);
    expect(shellText('__proto__')).toBe(SHELL_TEXT.en);
  });

  it('fills marks once, leaving marks inside values and unknown marks as written', () => {
    expect(fill('Escalation from {from}', { from: 'Bo' })).toBe('Escalation from Bo');
    expect(fill('{a} and {b}', { a: '{b}', b: 'x' })).toBe('{b} and x');
    expect(fill('{missing}', {})).toBe('{missing}');
    expect(fill('{toString}', {})).toBe('{toString}');
  });
});
