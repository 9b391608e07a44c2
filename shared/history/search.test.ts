import { describe, expect, it } from 'vitest';
import { MAX_SEARCH_TERMS, toFtsQuery } from './search';

describe('what the agent types into history search', () => {
  it('becomes quoted prefix terms, all required', () => {
    expect(toFtsQuery('Refund  Dana')).toBe('"refund"* "dana"*');
  });

  it('splits a number at its punctuation and cannot smuggle FTS5 syntax', () => {
    expect(toFtsQuery('+31 (20) 555-01')).toBe('"31"* "20"* "555"* "01"*');
    expect(toFtsQuery('name:"x" OR NEAR(a b) *')).toBe('"name"* "x"* "or"* "near"* "a"* "b"*');
  });

  it('keeps letters of every script and drops repeats', () => {
    expect(toFtsQuery('Renée renée Łódź 東京')).toBe('"renée"* "łódź"* "東京"*');
  });

  it('is undefined when nothing searchable was typed, and capped in terms', () => {
    expect(toFtsQuery('  -- !! ')).toBeUndefined();
    expect(toFtsQuery(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '))?.split(' ')).toHaveLength(MAX_SEARCH_TERMS);
  });
});
