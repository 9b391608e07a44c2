import { describe, expect, it } from 'vitest';
import { wideCharacter } from '../../../scripts/lib/js-shipped-report';

describe('a shipped script past Latin-1 (issue 19: Chromium keeps such a source in two bytes a character)', () => {
  it('finds a curly apostrophe or an ellipsis, with where it is', () => {
    expect(wideCharacter("const a=/['’]/u;")).toBe(JSON.stringify("const a=/['’]/u;"));
    expect(wideCharacter(`${'x'.repeat(100)}"…"`)).toBe(JSON.stringify(`${'x'.repeat(29)}"…"`));
  });

  it('lets ASCII, Latin-1 letters and escapes pass', () => {
    expect(wideCharacter('const a="\\u2019",b=/\\u2026/,c="æøå é";')).toBeUndefined();
  });
});
