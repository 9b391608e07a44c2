import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../shared/locales';
import { createTranslator } from './translator';

const files = { greeting: { hello: 'Hello, {{name}}!', spaced: '{{ name }} and {{other}}', plain: 'Answer' } };

describe('the translator', () => {
  it('looks up nested keys by dotted path and returns an unknown key as itself', () => {
    const { t, has } = createTranslator('en', files);
    expect(t('greeting.plain')).toBe('Answer');
    expect(t('greeting.missing')).toBe('greeting.missing');
    expect(t('greeting')).toBe('greeting');
    expect(has('greeting.plain')).toBe(true);
    expect(has('greeting.missing')).toBe(false);
  });

  it('fills placeholders, with or without spaces inside the braces, and leaves a missing value empty', () => {
    const { t } = createTranslator('en', files);
    expect(t('greeting.hello', { name: 'Ana' })).toBe('Hello, Ana!');
    expect(t('greeting.spaced', { name: 'Ana', other: 42 })).toBe('Ana and 42');
    expect(t('greeting.hello')).toBe('Hello, !');
    expect(t('greeting.hello', { name: null })).toBe('Hello, !');
  });

  it('copies a value as text: a placeholder inside a value is not filled again, markup stays text', () => {
    const { t } = createTranslator('en', files);
    expect(t('greeting.spaced', { name: '{{other}}', other: 'secret' })).toBe('{{other}} and secret');
    const hostile = '<img src=x onerror=alert(1)>&amp;';
    expect(t('greeting.hello', { name: hostile })).toBe(`Hello, ${hostile}!`);
    // React escapes what it renders: the agent sees the characters, the page gets no element.
    const html = renderToStaticMarkup(<p>{t('greeting.hello', { name: hostile })}</p>);
    expect(html).toBe('<p>Hello, &lt;img src=x onerror=alert(1)&gt;&amp;amp;!</p>');
  });

  it("does not read placeholders off the object's prototype", () => {
    const { t } = createTranslator('en', { k: '{{constructor}}|{{toString}}' });
    expect(t('k', {})).toBe('|');
  });

  // English, Dutch, Danish and Bokmål: one for exactly 1. Tagalog (CLDR "fil"): one for 1, 2, 3
  // and any number not ending in 4, 6 or 9; other for those (4, 6, 9, 14, 19, 104…).
  const expected: Readonly<Record<Locale, Readonly<Record<number, 'one' | 'other'>>>> = {
    en: { 0: 'other', 1: 'one', 2: 'other', 4: 'other', 11: 'other', 21: 'other' },
    nl: { 0: 'other', 1: 'one', 2: 'other', 4: 'other', 11: 'other', 21: 'other' },
    da: { 0: 'other', 1: 'one', 2: 'other', 4: 'other', 11: 'other', 21: 'other' },
    nb: { 0: 'other', 1: 'one', 2: 'other', 4: 'other', 11: 'other', 21: 'other' },
    tl: {
      0: 'one',
      1: 'one',
      2: 'one',
      3: 'one',
      4: 'other',
      6: 'other',
      9: 'other',
      10: 'one',
      14: 'other',
      21: 'one',
      104: 'other',
    },
  };
  for (const [language, cases] of Object.entries(expected) as [Locale, Record<number, string>][]) {
    it(`picks ${language}'s plural form by count, as CLDR's rules for ${language} say`, () => {
      const { t } = createTranslator(language, { calls_one: '{{count}} one', calls_other: '{{count}} other' });
      for (const [count, form] of Object.entries(cases)) expect(t('calls', { count: Number(count) })).toBe(`${count} ${form}`);
    });
  }

  it('falls back to the _other form, then to the bare key, and needs a numeric count for plurals', () => {
    const { t } = createTranslator('en', { a_other: '{{count}} things', b: 'just b', c_one: 'one c', c_other: 'many c' });
    expect(t('a', { count: 1 })).toBe('1 things');
    expect(t('b', { count: 1 })).toBe('just b');
    expect(t('c', { count: '1' })).toBe('c');
  });
});
