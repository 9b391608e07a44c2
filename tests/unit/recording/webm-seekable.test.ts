import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  EBML_ID as ID,
  concat,
  element,
  parts,
  partsOf,
  readElementHeader,
  readUint,
  uintElement,
} from '../../../shared/recording/ebml';
import { makeWebmSeekable } from '../../../shared/recording/webm-seekable';

/**
 * The fixture is what Chromium 156's MediaRecorder wrote for 3.5 s of a 660 Hz tone, recorded as
 * the app records (`audio/webm;codecs=opus`, 32 kbit/s, a chunk a second): a Segment and four
 * Clusters of unknown size, no Duration, no Cues. ffprobe reads no duration from it.
 */
const recorded = new Uint8Array(readFileSync('tests/fixtures/recording/chromium-opus-3s.webm'));

interface Found {
  readonly id: number;
  readonly start: number;
  readonly payloadStart: number;
  readonly end: number;
}

/** Every element of a file in order, stepping into the Segment and Clusters (whose size may be unknown). */
function flatten(bytes: Uint8Array): Found[] {
  const found: Found[] = [];
  let at = 0;
  while (at < bytes.length) {
    const header = readElementHeader(bytes, at);
    if (!header) break;
    const payloadStart = at + header.headerLength;
    const end = header.size === undefined ? bytes.length : payloadStart + header.size;
    if (end > bytes.length) break;
    found.push({ id: header.id, start: at, payloadStart, end });
    const master = header.id === ID.Segment || header.id === ID.Cluster || header.id === ID.Cues;
    const inner = [ID.CuePoint, ID.CueTrackPositions, ID.SeekHead, ID.Seek, ID.Info].includes(header.id as never);
    at = master || inner ? payloadStart : end;
  }
  return found;
}

const payload = (bytes: Uint8Array, e: Found) => bytes.subarray(e.payloadStart, e.end);
const raw = (bytes: Uint8Array, e: Found) => bytes.subarray(e.start, e.end);
const blocks = (bytes: Uint8Array) => flatten(bytes).filter((e) => e.id === ID.SimpleBlock);
const only = (found: Found[], id: number) => found.filter((e) => e.id === id);

describe('making a MediaRecorder WebM seekable', () => {
  it('the recorder’s own file has no length and no index: the reason for the rewrite', () => {
    const found = flatten(recorded);
    expect(only(found, ID.Duration)).toEqual([]);
    expect(only(found, ID.Cues)).toEqual([]);
    expect(readElementHeader(recorded, only(found, ID.Segment)[0]!.start)?.size).toBeUndefined();
    expect(only(found, ID.Cluster)).toHaveLength(4);
    expect(blocks(recorded)).toHaveLength(58);
  });

  it('writes a Duration, Cues that point at every cluster and a SeekHead, and keeps every audio block byte for byte', () => {
    const fixed = makeWebmSeekable(recorded);
    expect(fixed).toBeDefined();
    const out = fixed!.bytes;
    const found = flatten(out);

    // The EBML header is the recorder's, the Segment now has the file's size.
    const header = readElementHeader(recorded, 0)!;
    const headerEnd = header.headerLength + header.size!;
    expect(out.subarray(0, headerEnd)).toEqual(recorded.subarray(0, headerEnd));
    const segment = only(found, ID.Segment)[0]!;
    expect(segment.start).toBe(headerEnd);
    expect(segment.end).toBe(out.length);
    expect(readElementHeader(out, segment.start)?.size).toBe(out.length - segment.payloadStart);

    // 58 blocks of 60 ms: the last one starts at 3.412 s. ffprobe reads 3.472 s from the result.
    const [duration] = only(found, ID.Duration);
    expect(new DataView(out.buffer, out.byteOffset + duration!.payloadStart, 8).getFloat64(0)).toBe(3472);
    expect(fixed!.durationMs).toBe(3472);
    expect(fixed!.blocks).toBe(58);
    expect(blocks(out).map((b) => raw(out, b))).toEqual(blocks(recorded).map((b) => raw(recorded, b)));

    const clusters = only(found, ID.Cluster);
    expect(clusters).toHaveLength(4);
    expect(fixed!.clusters).toBe(4);
    for (const cluster of clusters) expect(readElementHeader(out, cluster.start)?.size).toBe(cluster.end - cluster.payloadStart);
    const clusterTimes = clusters.map((c) => {
      const inside = out.subarray(c.payloadStart, c.end);
      const [first] = flatten(inside);
      expect(first?.id).toBe(ID.Timestamp);
      return readUint(payload(inside, first!));
    });
    expect(clusterTimes[0]).toBe(0);

    // One cue a cluster, in order, each at its cluster's start (relative to the Segment's payload) and time, on track 1.
    const positions = only(found, ID.CueClusterPosition).map((e) => readUint(payload(out, e))!);
    expect(positions.map((p) => segment.payloadStart + p)).toEqual(clusters.map((c) => c.start));
    expect(only(found, ID.CueTime).map((e) => readUint(payload(out, e)))).toEqual(clusterTimes);
    expect(only(found, ID.CueTrack).map((e) => readUint(payload(out, e)))).toEqual([1, 1, 1, 1]);

    // The SeekHead finds Info, Tracks and Cues.
    const seekIds = only(found, ID.SeekID).map((e) => readUint(payload(out, e)));
    const seekAt = only(found, ID.SeekPosition).map((e) => readUint(payload(out, e))!);
    expect(seekIds).toEqual([ID.Info, ID.Tracks, ID.Cues]);
    expect(seekAt.map((p) => readElementHeader(out, segment.payloadStart + p)?.id)).toEqual(seekIds);
  });

  it('ends at the last block plus one frame, even when a starved recorder left a gap before it', () => {
    // The last block moved a second later (its 16-bit time after the one-byte track number).
    const gap = recorded.slice();
    const last = blocks(gap).at(-1)!;
    const view = new DataView(gap.buffer, last.payloadStart + 1, 2);
    view.setInt16(0, view.getInt16(0) + 1000);
    expect(makeWebmSeekable(gap)?.durationMs).toBe(3472 + 1000);
  });

  it('indexes a recording of two and a half hours: 450,000 blocks, as many as the 32 MiB cap lets through', () => {
    // The recorder's header, Info and Tracks, then 900 unknown-size clusters of 500 tiny 20 ms blocks each.
    const found = flatten(recorded);
    const [segment, info, tracks] = [ID.Segment, ID.Info, ID.Tracks].map((id) => only(found, id)[0]!);
    const unknownCluster = new Uint8Array([0x1f, 0x43, 0xb6, 0x75, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    const pieces: Uint8Array[] = [
      recorded.subarray(0, segment!.payloadStart),
      recorded.subarray(info!.start, info!.end),
      recorded.subarray(tracks!.start, tracks!.end),
    ];
    for (let c = 0; c < 900; c += 1) {
      const time = c * 10_000;
      pieces.push(unknownCluster, concat(uintElement(ID.Timestamp, time, 3)));
      for (let b = 0; b < 500; b += 1) {
        const at = b * 20;
        pieces.push(new Uint8Array([ID.SimpleBlock, 0x85, 0x81, at >> 8, at & 0xff, 0x80, 0xf8]));
      }
    }
    const long = concat(partsOf(pieces));
    const fixed = makeWebmSeekable(long);
    expect(fixed?.blocks).toBe(450_000);
    expect(fixed?.clusters).toBe(900);
    expect(fixed?.durationMs).toBe(899 * 10_000 + 499 * 20 + 20);
    expect(fixed!.bytes.length).toBeGreaterThan(long.length);
  }, 30_000);

  it('changes nothing in a file it already made seekable', () => {
    const once = makeWebmSeekable(recorded)!.bytes;
    expect(makeWebmSeekable(once)?.bytes).toEqual(once);
  });

  it('keeps every complete block of a recording cut short anywhere, and refuses one cut before the first block', () => {
    const ends = blocks(recorded).map((b) => b.end);
    for (let cut = 1; cut < recorded.length; cut += 233) {
      const complete = ends.filter((end) => end <= cut).length;
      const fixed = makeWebmSeekable(recorded.subarray(0, cut));
      if (complete === 0) expect(fixed, `cut at ${cut}`).toBeUndefined();
      else {
        expect(fixed?.blocks, `cut at ${cut}`).toBe(complete);
        expect(blocks(fixed!.bytes)).toHaveLength(complete);
      }
    }
  });

  it('leaves alone what is not a WebM it understands, and never throws on damaged bytes', () => {
    const ogg = new TextEncoder().encode('OggS\0\x02' + '\0'.repeat(40));
    const hugeSegment = concat(parts(recorded.subarray(0, 40), new Uint8Array([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe])));
    const noBlocks = concat(element(ID.EBML, parts(new Uint8Array([0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d]))));
    for (const input of [new Uint8Array(0), ogg, new Uint8Array(64).fill(0xff), hugeSegment, noBlocks]) {
      expect(makeWebmSeekable(input)).toBeUndefined();
    }
    // Every byte of the headers (EBML, Segment, Info, Tracks, the first Cluster and block: 168 bytes)
    // set to 0x00 and to 0xff in turn: a result or undefined, never an exception.
    for (let at = 0; at < 168; at += 1) {
      for (const value of [0x00, 0xff]) {
        const damaged = recorded.slice();
        damaged[at] = value;
        expect(() => makeWebmSeekable(damaged)).not.toThrow();
      }
    }
  }, 30_000);
});

describe('EBML sizes', () => {
  it('writes the fewest bytes and never the all-ones "unknown" pattern for a known size', () => {
    for (const [length, sizeField] of [
      [0, [0x80]],
      [126, [0xfe]],
      [127, [0x40, 0x7f]],
      [16_382, [0x7f, 0xfe]],
      [16_383, [0x20, 0x3f, 0xff]],
    ] as const) {
      const bytes = concat(element(ID.Void, parts(new Uint8Array(length))));
      expect(Array.from(bytes.subarray(1, 1 + sizeField.length))).toEqual(sizeField);
      expect(readElementHeader(bytes, 0)).toEqual({ id: ID.Void, headerLength: 1 + sizeField.length, size: length });
    }
  });

  it('reads an unknown size, and refuses a header the bytes end inside', () => {
    expect(
      readElementHeader(new Uint8Array([0x1f, 0x43, 0xb6, 0x75, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), 0),
    ).toEqual({
      id: ID.Cluster,
      headerLength: 12,
      size: undefined,
    });
    expect(readElementHeader(new Uint8Array([0x1f, 0x43, 0xb6, 0x75, 0x01, 0xff]), 0)).toBeUndefined();
    expect(readElementHeader(new Uint8Array([0x00, 0x81]), 0)).toBeUndefined();
  });
});
