import { describe, expect, it } from 'vitest';
import { charactersCut, showsCounter } from './text-limit';

describe('text limits', () => {
  it('shows the counter from 80 % of the limit on', () => {
    expect(showsCounter(0, 4000)).toBe(false);
    expect(showsCounter(3199, 4000)).toBe(false);
    expect(showsCounter(3200, 4000)).toBe(true);
    expect(showsCounter(4000, 4000)).toBe(true);
    expect(showsCounter(5, 0)).toBe(false);
  });

  it('counts what a paste loses to the limit', () => {
    // 10,000 characters pasted into an empty 4,000 field: 6,000 do not fit.
    expect(charactersCut({ length: 0, selectionStart: 0, selectionEnd: 0, max: 4000 }, 10_000)).toBe(6000);
    expect(charactersCut({ length: 0, selectionStart: 0, selectionEnd: 0, max: 4000 }, 4000)).toBe(0);
    expect(charactersCut({ length: 3990, selectionStart: 3990, selectionEnd: 3990, max: 4000 }, 25)).toBe(15);
  });

  it('counts the selected text the paste replaces as room', () => {
    expect(charactersCut({ length: 2000, selectionStart: 0, selectionEnd: 2000, max: 2000 }, 2000)).toBe(0);
    expect(charactersCut({ length: 2000, selectionStart: 100, selectionEnd: 200, max: 2000 }, 150)).toBe(50);
  });

  it('never trusts a selection outside the text, nor counts below zero', () => {
    expect(charactersCut({ length: 10, selectionStart: 50, selectionEnd: 5, max: 10 }, 3)).toBe(3);
    expect(charactersCut({ length: 12, selectionStart: 0, selectionEnd: 0, max: 10 }, 1)).toBe(1);
    expect(charactersCut({ length: 0, selectionStart: 0, selectionEnd: 0, max: 10 }, 0)).toBe(0);
  });
});
