import { describe, expect, it } from 'vitest';
import { TEAM_PHRASE_LIMITS, teamPhrasesSchema } from './team-phrases';

const codes = (value: unknown) => {
  const result = teamPhrasesSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
};

describe('team phrases', () => {
  it('accepts a short list of one-line phrases for known situations', () => {
    expect(codes([{ situation: 'closing', text: 'Thanks for your patience with us today, Ana.' }])).toEqual([]);
    expect(codes([])).toEqual([]);
  });

  it('refuses unknown situations, blank, over-long or multi-line text, extra fields and too many entries', () => {
    expect(codes([{ situation: 'threat', text: 'x' }])).toHaveLength(1);
    expect(codes([{ situation: 'apology', text: '   ' }])).toEqual(['0.text:empty']);
    expect(codes([{ situation: 'apology', text: 'x'.repeat(TEAM_PHRASE_LIMITS.text + 1) }])).toEqual(['0.text:tooLong']);
    expect(codes([{ situation: 'apology', text: 'one\ntwo' }])).toEqual(['0.text:controlChars']);
    expect(codes([{ situation: 'apology', text: 'bidi\u2028' }])).toEqual(['0.text:controlChars']);
    expect(codes([{ situation: 'apology', text: 'x', html: '<b>' }])).toHaveLength(1);
    const many = Array.from({ length: TEAM_PHRASE_LIMITS.entries + 1 }, () => ({ situation: 'apology', text: 'x' }));
    expect(codes(many)).toEqual([':tooMany']);
  });
});
