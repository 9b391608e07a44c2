/**
 * The few EBML (Matroska/WebM) primitives the recording fixer needs: element headers read from
 * bytes that may end anywhere, and elements written with known sizes. EBML spec: RFC 8794.
 */

/** The element ids a MediaRecorder WebM holds, and the ones the fixer writes (Matroska spec names). */
export const EBML_ID = {
  EBML: 0x1a45dfa3,
  Segment: 0x18538067,
  SeekHead: 0x114d9b74,
  Seek: 0x4dbb,
  SeekID: 0x53ab,
  SeekPosition: 0x53ac,
  Info: 0x1549a966,
  TimestampScale: 0x2ad7b1,
  Duration: 0x4489,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackNumber: 0xd7,
  Cues: 0x1c53bb6b,
  CuePoint: 0xbb,
  CueTime: 0xb3,
  CueTrackPositions: 0xb7,
  CueTrack: 0xf7,
  CueClusterPosition: 0xf1,
  Cluster: 0x1f43b675,
  Timestamp: 0xe7,
  SimpleBlock: 0xa3,
  BlockGroup: 0xa0,
  Block: 0xa1,
  Void: 0xec,
  Crc32: 0xbf,
} as const;

export interface ElementHeader {
  readonly id: number;
  /** Bytes of the id and the size field together. */
  readonly headerLength: number;
  /** The payload's size; undefined for "unknown" (all ones), as a live muxer writes it. */
  readonly size: number | undefined;
}

/** The length of the vint starting with `first`, from its leading zeros; 0 when no marker is in its 8 bits. */
const vintLength = (first: number): number => (first === 0 ? 0 : Math.clz32(first) - 23);

/**
 * The element header at `at`, or undefined when the bytes end inside it or it is not EBML. Runs
 * once per block of a recording (hundreds of thousands): plain loops, no arrays.
 */
export function readElementHeader(bytes: Uint8Array, at: number): ElementHeader | undefined {
  const idLength = vintLength(bytes[at] ?? 0);
  if (idLength === 0 || idLength > 4 || at + idLength > bytes.length) return undefined;
  let id = 0;
  for (let i = 0; i < idLength; i += 1) id = id * 256 + (bytes[at + i] ?? 0);
  const sizeAt = at + idLength;
  const first = bytes[sizeAt] ?? 0;
  const sizeLength = vintLength(first);
  if (sizeLength === 0 || sizeAt + sizeLength > bytes.length) return undefined;
  // The size without its length marker; all value bits set means "unknown".
  const mask = 0xff >> sizeLength;
  let value = first & mask;
  let unknown = value === mask;
  for (let i = 1; i < sizeLength; i += 1) {
    const byte = bytes[sizeAt + i] ?? 0;
    value = value * 256 + byte;
    unknown &&= byte === 0xff;
  }
  if (!unknown && !Number.isSafeInteger(value)) return undefined;
  return { id, headerLength: idLength + sizeLength, size: unknown ? undefined : value };
}

/** An unsigned integer payload of 0–8 bytes, undefined past 2^53. */
export function readUint(bytes: Uint8Array): number | undefined {
  if (bytes.length > 8) return undefined;
  const value = bytes.reduce((v, byte) => v * 256 + byte, 0);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Bytes and their total length: elements are built as lists of views so a 32 MiB file is copied once. */
export interface Parts {
  readonly parts: readonly Uint8Array[];
  readonly length: number;
}

/** A list of any length: a long recording has some 150,000 blocks, too many to spread as arguments. */
export function partsOf(items: readonly (Uint8Array | Parts)[]): Parts {
  const list: Uint8Array[] = [];
  let length = 0;
  for (const item of items) {
    if (item instanceof Uint8Array) list.push(item);
    else for (const part of item.parts) list.push(part);
    length += item.length;
  }
  return { parts: list, length };
}

/** A few items written out; `partsOf` for lists. */
export const parts = (...items: readonly (Uint8Array | Parts)[]): Parts => partsOf(items);

export function concat(all: Parts): Uint8Array {
  const out = new Uint8Array(all.length);
  let at = 0;
  for (const part of all.parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Big-endian bytes of `value` in exactly `width` bytes. */
function bigEndian(value: number, width: number): Uint8Array {
  const out = new Uint8Array(width);
  let rest = value;
  for (let i = width - 1; i >= 0; i -= 1) {
    out[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  return out;
}

/** The id's own bytes (the length marker is part of an id). */
export function idBytes(id: number): Uint8Array {
  const width = id > 0xffffff ? 4 : id > 0xffff ? 3 : id > 0xff ? 2 : 1;
  return bigEndian(id, width);
}

/** A known size as a vint, in the fewest bytes (all ones is reserved for "unknown"). */
function sizeBytes(size: number): Uint8Array {
  let width = 1;
  while (width < 8 && size >= 2 ** (7 * width) - 1) width += 1;
  const out = bigEndian(size, width);
  out[0] = (out[0] ?? 0) | (0x80 >> (width - 1));
  return out;
}

export const element = (id: number, payload: Parts): Parts => parts(idBytes(id), sizeBytes(payload.length), payload);

/** An unsigned integer element; `width` fixes the payload's length so a position can be filled in later. */
export function uintElement(id: number, value: number, width?: number): Parts {
  let fewest = 1;
  while (fewest < 8 && value >= 2 ** (8 * fewest)) fewest += 1;
  return element(id, parts(bigEndian(value, width ?? fewest)));
}

export function floatElement(id: number, value: number): Parts {
  const payload = new Uint8Array(8);
  new DataView(payload.buffer).setFloat64(0, value);
  return element(id, parts(payload));
}
