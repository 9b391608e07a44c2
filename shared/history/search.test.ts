import { describe, expect, it } from 'vitest';
import { MAX_SEARCH_TERMS, toFtsQuery } from './search';

describe('what the agent types into history search', () => {
  it('becomes quoted prefix terms, all required', () => {
    expect(toFtsQuery('Refund  Dana')).toBe('"refund"* AND "dana"*');
  });

  it('splits a number at its punctuation and cannot smuggle FTS5 syntax', () => {
    expect(toFtsQuery('+31 (20) 555-01')).toBe('"31"* AND "20"* AND "555"* AND "01"*');
    expect(toFtsQuery('name:"x" OR NEAR(a b) *')).toBe('"name"* AND "x"* AND "or"* AND "near"* AND "a"* AND "b"*');
  });

  it('keeps letters of every script and drops repeats', () => {
    expect(toFtsQuery('Renée renée Łódź 東京')).toBe('"renée"* AND "łódź"* AND "東京"*');
  });

  it('is undefined when nothing searchable was typed, and capped in terms', () => {
    expect(toFtsQuery('  -- !! ')).toBeUndefined();
    expect(toFtsQuery(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '))?.split(' AND ')).toHaveLength(MAX_SEARCH_TERMS);
  });
});

describe('a word whose completions the index lists', () => {
  const index = ['refund', 'refunded', 'refunds', 'renee', '5550123', 'kø'];
  const terms = (word: string) => index.filter((t) => t.startsWith(word));

  it('is asked as those exact words, so FTS5 need not gather every match first', () => {
    expect(toFtsQuery('Refund dana', terms)).toBe('("refund" OR "refunded" OR "refunds") AND "dana"*');
    expect(toFtsQuery('refunde', terms)).toBe('"refunded"');
    expect(toFtsQuery('555 01', terms)).toBe('"5550123" AND "01"*');
  });

  it('stays a prefix term when the list is too long, or the word is not spelt as the index spells it', () => {
    expect(toFtsQuery('refund', () => undefined)).toBe('"refund"*');
    // The tokenizer strips the accent: only FTS5 knows how "renée" is indexed.
    expect(toFtsQuery('renée', terms)).toBe('"renée"*');
    expect(toFtsQuery('kø', terms)).toBe('"kø"*');
  });

  it('never takes a listed term that is not a plain completion of the word', () => {
    expect(toFtsQuery('ref', () => ['ref', 'x" OR "y'])).toBe('"ref"*');
    expect(toFtsQuery('ref', () => ['abc'])).toBe('"ref"*');
  });
});
