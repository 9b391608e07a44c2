import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPhrases, compileAvoidRules, findPhrasesToAvoid, PHRASE_CHECK_LIMITS, type AvoidRule } from './phrase-check';

const RULES: AvoidRule[] = [
  {
    id: 'calm-down',
    variants: ['calm down', 'just calm down', 'you need to calm down'],
    instead: 'I can hear how frustrating this is.',
  },
  {
    id: 'policy',
    variants: ["that's our policy", "that's not our policy", 'that is our policy'],
    instead: 'Here is what I can do.',
  },
  { id: 'nothing', variants: ["there's nothing I can do", 'nothing I can do'], instead: 'Let me see what options we have.' },
];
const DANISH: AvoidRule[] = [
  { id: 'nothing', variants: ['der er ikke noget, jeg kan gøre'], instead: 'Lad mig se, hvad vi kan gøre.' },
];
const DUTCH: AvoidRule[] = [
  { id: 'misunderstood', variants: ['u heeft het verkeerd begrepen'], instead: 'Laat me het anders uitleggen.' },
];

const flagged = (text: string, rules = RULES, language: 'en' | 'da' | 'nl' = 'en') =>
  checkPhrases(text, language, rules).map((m) => [m.id, text.slice(m.start, m.end)]);

describe('phrases to avoid', () => {
  it('finds each phrase with its offsets and the kinder alternative', () => {
    const text = 'Sir, calm down. That is our policy.';
    expect(checkPhrases(text, 'en', RULES)).toEqual([
      { id: 'calm-down', start: 5, end: 14, instead: 'I can hear how frustrating this is.' },
      { id: 'policy', start: 16, end: 34, instead: 'Here is what I can do.' },
    ]);
  });

  it('ignores case, extra spaces, line breaks and punctuation between the words', () => {
    expect(flagged('CALM   Down!!')).toEqual([['calm-down', 'CALM   Down']]);
    expect(flagged('calm,\n down')).toEqual([['calm-down', 'calm,\n down']]);
    expect(flagged('calm-down')).toEqual([['calm-down', 'calm-down']]);
  });

  it("treats ' ’ ‘ ʼ and a missing apostrophe alike", () => {
    for (const policy of ["that's our policy", 'that’s our policy', 'thatʼs our policy', 'thats our policy']) {
      expect(flagged(`well, ${policy}`)).toEqual([['policy', policy]]);
    }
    expect(flagged('Honestly there’s NOTHING i can do')).toEqual([['nothing', 'there’s NOTHING i can do']]);
  });

  it('prefers the longest variant and never reports overlapping matches', () => {
    expect(flagged('you need to calm down')).toEqual([['calm-down', 'you need to calm down']]);
    expect(flagged("that's not our policy")).toEqual([['policy', "that's not our policy"]]);
  });

  it('matches whole words only', () => {
    expect(flagged('becalm downstairs')).toEqual([]);
    expect(flagged('calmdown')).toEqual([]);
  });

  it('matches Danish with or without æ ø å spelled out, and Dutch with or without accents', () => {
    expect(flagged('Der er ikke noget jeg kan gøre.', DANISH, 'da')).toEqual([['nothing', 'Der er ikke noget jeg kan gøre']]);
    expect(flagged('der er ikke noget jeg kan goere', DANISH, 'da')).toEqual([['nothing', 'der er ikke noget jeg kan goere']]);
    expect(flagged('U héeft het verkeerd begrepen', DUTCH, 'nl')).toEqual([['misunderstood', 'U héeft het verkeerd begrepen']]);
  });

  it('checks only up to the cap and reports a bounded number of matches', () => {
    const padding = 'x'.repeat(PHRASE_CHECK_LIMITS.textChars);
    expect(flagged(`${padding} calm down`)).toEqual([]);
    const many = 'calm down '.repeat(1000);
    expect(checkPhrases(many, 'en', RULES)).toHaveLength(PHRASE_CHECK_LIMITS.matches);
  });

  it('finds a phrase however it is dressed, inside any other words', () => {
    const word = fc.stringMatching(/^[a-z]{1,8}$/).filter((w) => !['calm', 'down', 'just', 'you', 'need', 'to'].includes(w));
    const separator = fc.constantFrom(' ', '  ', ', ', '\n', ' - ', '\t', '… ');
    const casing = fc.constantFrom(
      (s: string) => s,
      (s: string) => s.toUpperCase(),
      (s: string) => s[0]?.toUpperCase() + s.slice(1),
    );
    const matcher = compileAvoidRules('en', RULES);
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 5 }),
        fc.array(word, { maxLength: 5 }),
        separator,
        casing,
        (before, after, sep, cased) => {
          const phrase = `${cased('calm')}${sep}${cased('down')}`;
          const text = [...before, phrase, ...after].join(' ');
          const matches = findPhrasesToAvoid(text, matcher);
          expect(matches.map((m) => [m.id, text.slice(m.start, m.end)])).toEqual([['calm-down', phrase]]);
        },
      ),
    );
  });

  it('returns ordered, non-overlapping offsets inside the text for any input', () => {
    const matcher = compileAvoidRules('en', RULES);
    const text = fc.array(fc.constantFrom('calm', 'down', "that's", 'our', 'policy', 'x', ' ', '’', '\n', 'é', '🙂', ','), {
      maxLength: 60,
    });
    fc.assert(
      fc.property(text, (parts) => {
        const s = parts.join('');
        let last = 0;
        for (const m of findPhrasesToAvoid(s, matcher)) {
          expect(m.start).toBeGreaterThanOrEqual(last);
          expect(m.end).toBeGreaterThan(m.start);
          expect(m.end).toBeLessThanOrEqual(s.length);
          last = m.end;
        }
      }),
    );
  });

  it('ignores empty variants and rules past the cap', () => {
    expect(checkPhrases('anything', 'en', [{ id: 'empty', variants: ['', ' ,, '], instead: 'x' }])).toEqual([]);
    const tooMany = Array.from({ length: PHRASE_CHECK_LIMITS.rules + 1 }, (_, i) => ({
      id: `r${i}`,
      variants: [`w${i}`],
      instead: '',
    }));
    expect(checkPhrases(`w${PHRASE_CHECK_LIMITS.rules}`, 'en', tooMany)).toEqual([]);
    expect(checkPhrases('w0', 'en', tooMany)).toHaveLength(1);
  });
});
