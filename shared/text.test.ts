import { describe, expect, it, vi } from 'vitest';
import { displaySafe, stripBidiControls, truncateText } from './text';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('displaySafe: remote strings made safe to show', () => {
  it('removes right-to-left overrides and every other bidi control, so a name reads as it is', () => {
    expect(displaySafe('Eve \u202Eecilops\u202C')).toBe('Eve ecilops');
    for (const c of [
      '\u061c',
      '\u200e',
      '\u200f',
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
    ]) {
      expect(displaySafe(`a${c}b`)).toBe('ab');
    }
    expect(stripBidiControls('\u2067x\u2069')).toBe('x');
  });

  it('turns controls and line separators into one space and trims, keeping real text of any script', () => {
    expect(displaySafe(' Ana\r\n\u0007\u2028 Lima\u0085 ')).toBe('Ana Lima');
    expect(displaySafe('שלום עולם')).toBe('שלום עולם');
    expect(displaySafe('Zoë 👩‍👩‍👧')).toBe('Zoë 👩‍👩‍👧');
  });
});

describe('truncateText: cut by characters, never inside one', () => {
  it('keeps an emoji whole or drops it whole at the limit (a lone surrogate used to stop every draft save)', () => {
    const notes = `${'a'.repeat(3999)}😀 more`;
    expect(notes.slice(0, 4000)).toMatch(LONE_SURROGATE);
    const cut = truncateText(notes, 4000);
    expect(cut).not.toMatch(LONE_SURROGATE);
    expect(cut).toBe('a'.repeat(3999));
    expect(truncateText(`${'a'.repeat(3998)}😀 more`, 4000)).toBe(`${'a'.repeat(3998)}😀`);
  });

  it('keeps grapheme clusters whole (flags, families, accents)', () => {
    expect(truncateText('ab🇳🇱', 5)).toBe('ab');
    expect(truncateText('x👩‍👩‍👧', 6)).toBe('x');
    expect(truncateText('cafe\u0301s', 4)).toBe('caf');
  });

  it('leaves short text alone and appends a marker within the limit when it cuts', () => {
    expect(truncateText('short', 10, '…')).toBe('short');
    expect(truncateText('abcdefghij', 5, '…')).toBe('abcd…');
    expect(truncateText('abc😀😀', 5, '…')).toBe('abc…');
  });

  it('cuts a single huge cluster between code points rather than to nothing', () => {
    const zalgo = `e${'\u0301'.repeat(100)}`;
    expect(truncateText(zalgo, 10)).toHaveLength(10);
    expect(truncateText('😀😀😀', 3)).toBe('😀');
  });
});

describe('no segmenter until text is cut (issue 19: an Intl object loads ICU data, ~1 MB of the renderer)', () => {
  it('loading the module and leaving short text alone make none; the first cut makes one, kept', async () => {
    const made: unknown[] = [];
    // Intl's members are read-only to TypeScript, writable at run time.
    const intl = Intl as { Segmenter: typeof Intl.Segmenter };
    const Native = intl.Segmenter;
    intl.Segmenter = class extends Native {
      constructor(...args: ConstructorParameters<typeof Native>) {
        super(...args);
        made.push(args);
      }
    } as typeof Intl.Segmenter;
    try {
      vi.resetModules();
      const fresh = await import('./text');
      expect(fresh.truncateText('short', 10)).toBe('short');
      expect(made).toHaveLength(0);
      expect(fresh.truncateText('a longer text', 8, '.')).toBe('a longe.');
      expect(fresh.truncateText('another longer text', 8)).toBe('another ');
      expect(made).toHaveLength(1);
    } finally {
      intl.Segmenter = Native;
    }
  });
});
