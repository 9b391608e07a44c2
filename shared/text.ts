/**
 * The one place where text from elsewhere is made safe to show, and where any text is cut short.
 *
 * Bidi controls (the embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069, the marks
 * U+200E, U+200F and U+061C) are invisible and make "\u202Eecilops" read as something else: they
 * are removed from every remote string shown (a caller's display name, a queue, a reason phrase),
 * on the ringing card, in History, the tray and notifications alike. C0/C1 controls and the
 * Unicode line/paragraph separators become spaces, and runs of white space one space.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** A remote string made safe to show on one line: no controls, no bidi controls, white space squeezed, trimmed. */
export function displaySafe(text: string): string {
  return stripBidiControls(text).replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The grapheme segmenter, made on the first cut: an Intl object loads ICU's data into the page
 * (about 1 MB of the renderer's memory, issue 19: USS), and most text is never cut.
 */
let graphemes: Intl.Segmenter | null | undefined;
const segmenter = (): Intl.Segmenter | null =>
  (graphemes ??=
    typeof Intl === 'object' && typeof Intl.Segmenter === 'function'
      ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
      : null);

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;

/**
 * `text` cut to at most `max` UTF-16 units (what the schemas and an input's maxLength count),
 * never inside a character: `.slice(0, max)` can keep half of an emoji's surrogate pair, and a
 * lone surrogate is not text (the schemas refuse it as `encoding`, so every later save would
 * fail). Cut between grapheme clusters, so a flag or a family emoji is kept whole or dropped
 * whole; `marker` (say "…") is appended when something was cut, within `max`.
 */
export function truncateText(text: string, max: number, marker = ''): string {
  if (text.length <= max) return text;
  const room = Math.max(0, max - marker.length);
  let end = 0;
  const clusters = segmenter();
  if (clusters) {
    for (const { index, segment } of clusters.segment(text)) {
      if (index + segment.length > room) break;
      end = index + segment.length;
    }
  }
  // No segmenter, or one cluster longer than the room (a pile of combining marks): cut between code points.
  if (end === 0 && room > 0) end = isHighSurrogate(text.charCodeAt(room - 1)) ? room - 1 : room;
  return `${text.slice(0, end)}${marker}`;
}
