import {
  EBML_ID as ID,
  concat,
  element,
  floatElement,
  idBytes,
  parts,
  partsOf,
  readElementHeader,
  readUint,
  uintElement,
  type Parts,
} from './ebml';

/**
 * MediaRecorder writes WebM live: the Segment and every Cluster of "unknown" size, no Duration,
 * no Cues. A player then shows no length (duration Infinity) and cannot seek. When a recording is
 * finished the host rewrites it as a player expects: the same header, Info with a Duration,
 * Tracks, Cues (one point a cluster) and a SeekHead in front, then the clusters with their sizes.
 * The audio blocks are copied byte for byte. A file cut short (the size cap, the app stopped)
 * keeps every complete block; anything that is not a WebM we understand is left alone.
 */
export interface SeekableWebm {
  readonly bytes: Uint8Array;
  /** To the last block's end, in milliseconds (a recording's timestamps start at 0). */
  readonly durationMs: number;
  readonly clusters: number;
  readonly blocks: number;
}

interface Cluster {
  readonly timestamp: number;
  /** Its blocks, as runs of consecutive blocks' bytes. */
  readonly blocks: Uint8Array[];
}

/** Level-1 elements: one of these ends a cluster of unknown size. */
const TOP_LEVEL = new Set<number>([
  ID.Cluster,
  ID.Cues,
  ID.Info,
  ID.Tracks,
  ID.SeekHead,
  0x1254c367, // Tags
  0x1043a770, // Chapters
  0x1941a469, // Attachments
]);

const NANOSECONDS_PER_MS = 1_000_000;

/** The children of a master element's payload, stopping at the first incomplete one. */
function* children(bytes: Uint8Array): Generator<{ id: number; payload: Uint8Array; raw: Uint8Array }> {
  let at = 0;
  while (at < bytes.length) {
    const header = readElementHeader(bytes, at);
    if (!header || header.size === undefined) return;
    const end = at + header.headerLength + header.size;
    if (end > bytes.length) return;
    yield { id: header.id, payload: bytes.subarray(at + header.headerLength, end), raw: bytes.subarray(at, end) };
    at = end;
  }
}

/** A block's timestamp relative to its cluster: after the track number (a vint), a signed 16-bit value. */
function blockOffset(bytes: Uint8Array, start: number, end: number): number | undefined {
  const first = bytes[start] ?? 0;
  if (first === 0) return undefined;
  const at = start + Math.clz32(first) - 23;
  if (at + 2 > end) return undefined;
  return (((bytes[at] ?? 0) << 24) >> 16) | (bytes[at + 1] ?? 0);
}

function blockTimestamp(id: number, bytes: Uint8Array, start: number, end: number): number | undefined {
  if (id === ID.SimpleBlock) return blockOffset(bytes, start, end);
  for (const child of children(bytes.subarray(start, end))) {
    if (child.id === ID.Block) return blockOffset(child.payload, 0, child.payload.length);
  }
  return undefined;
}

function firstTrackNumber(tracks: Uint8Array): number {
  for (const entry of children(tracks)) {
    if (entry.id !== ID.TrackEntry) continue;
    for (const field of children(entry.payload)) if (field.id === ID.TrackNumber) return readUint(field.payload) ?? 1;
  }
  return 1;
}

interface Parsed {
  readonly header: Uint8Array;
  readonly info: Uint8Array[];
  timestampScale: number;
  tracks: Uint8Array;
  readonly others: Uint8Array[];
  readonly clusters: Cluster[];
  readonly times: number[];
}

/**
 * Reads a cluster's children from `at` up to `end`; returns where the next level-1 element starts.
 * Blocks that follow each other are kept as one run of bytes (a whole cluster, from MediaRecorder):
 * one view a cluster rather than one a block keeps a long recording's rewrite quick.
 */
function readCluster(bytes: Uint8Array, at: number, end: number, into: Parsed): { next: number; complete: boolean } {
  let timestamp = -1;
  const runs: Uint8Array[] = [];
  let runStart = -1;
  let runEnd = -1;
  let pos = at;
  let complete = true;
  while (pos < end) {
    const header = readElementHeader(bytes, pos);
    if (header && TOP_LEVEL.has(header.id)) break;
    if (!header || header.size === undefined) {
      complete = false;
      break;
    }
    const payloadStart = pos + header.headerLength;
    const childEnd = payloadStart + header.size;
    if (childEnd > end) {
      complete = false;
      break;
    }
    if (header.id === ID.Timestamp) timestamp = readUint(bytes.subarray(payloadStart, childEnd)) ?? -1;
    else if (header.id === ID.SimpleBlock || header.id === ID.BlockGroup) {
      const offset = blockTimestamp(header.id, bytes, payloadStart, childEnd);
      if (offset !== undefined && timestamp >= 0) {
        if (runEnd !== pos) {
          if (runStart >= 0) runs.push(bytes.subarray(runStart, runEnd));
          runStart = pos;
        }
        runEnd = childEnd;
        into.times.push(timestamp + offset);
      }
    }
    // Position, PrevSize and the like describe the old layout: they are not copied.
    pos = childEnd;
  }
  if (runStart >= 0) runs.push(bytes.subarray(runStart, runEnd));
  if (runs.length > 0) into.clusters.push({ timestamp, blocks: runs });
  return { next: pos, complete };
}

function parse(bytes: Uint8Array): Parsed | undefined {
  const ebml = readElementHeader(bytes, 0);
  if (!ebml || ebml.id !== ID.EBML || ebml.size === undefined) return undefined;
  const headerEnd = ebml.headerLength + ebml.size;
  const segment = readElementHeader(bytes, headerEnd);
  if (!segment || segment.id !== ID.Segment) return undefined;
  const start = headerEnd + segment.headerLength;
  const end = segment.size === undefined ? bytes.length : Math.min(bytes.length, start + segment.size);
  const parsed: Parsed = {
    header: bytes.subarray(0, headerEnd),
    info: [],
    timestampScale: NANOSECONDS_PER_MS,
    tracks: new Uint8Array(0),
    others: [],
    clusters: [],
    times: [],
  };
  let sawInfo = false;
  let at = start;
  while (at < end) {
    const header = readElementHeader(bytes, at);
    if (!header) break;
    const payloadStart = at + header.headerLength;
    if (header.id === ID.Cluster) {
      const clusterEnd = header.size === undefined ? end : Math.min(end, payloadStart + header.size);
      const { next, complete } = readCluster(bytes, payloadStart, clusterEnd, parsed);
      if (!complete) break;
      at = next;
      continue;
    }
    if (header.size === undefined || payloadStart + header.size > end) break;
    const payload = bytes.subarray(payloadStart, payloadStart + header.size);
    if (header.id === ID.Info) {
      sawInfo = true;
      for (const child of children(payload)) {
        if (child.id === ID.TimestampScale) parsed.timestampScale = readUint(child.payload) || NANOSECONDS_PER_MS;
        // The old Duration is replaced; a CRC-32 would no longer match the payload.
        if (child.id !== ID.Duration && child.id !== ID.Crc32) parsed.info.push(child.raw);
      }
    } else if (header.id === ID.Tracks) parsed.tracks = bytes.subarray(at, payloadStart + header.size);
    else if (header.id !== ID.SeekHead && header.id !== ID.Cues && header.id !== ID.Void) {
      parsed.others.push(bytes.subarray(at, payloadStart + header.size));
    }
    at = payloadStart + header.size;
  }
  if (!sawInfo || parsed.tracks.length === 0 || parsed.clusters.length === 0) return undefined;
  return parsed;
}

/** Positions are written 8 bytes wide, so the layout's lengths are known before the positions are. */
const POSITION_WIDTH = 8;

function seekHead(entries: readonly (readonly [id: number, position: number])[]): Parts {
  return element(
    ID.SeekHead,
    partsOf(
      entries.map(([id, position]) =>
        element(ID.Seek, parts(element(ID.SeekID, parts(idBytes(id))), uintElement(ID.SeekPosition, position, POSITION_WIDTH))),
      ),
    ),
  );
}

function cues(clusters: readonly Cluster[], positions: readonly number[], track: number): Parts {
  return element(
    ID.Cues,
    partsOf(
      clusters.map((cluster, i) =>
        element(
          ID.CuePoint,
          parts(
            uintElement(ID.CueTime, cluster.timestamp),
            element(
              ID.CueTrackPositions,
              parts(uintElement(ID.CueTrack, track), uintElement(ID.CueClusterPosition, positions[i] ?? 0, POSITION_WIDTH)),
            ),
          ),
        ),
      ),
    ),
  );
}

/**
 * How long the last block lasts: the most common step between blocks, as a MediaRecorder writes
 * frames of one length. Not the last step: a recorder starved of CPU leaves gaps between blocks.
 */
function frameLength(sorted: readonly number[]): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < sorted.length; i += 1) {
    const step = (sorted[i] ?? 0) - (sorted[i - 1] ?? 0);
    if (step > 0) counts.set(step, (counts.get(step) ?? 0) + 1);
  }
  let best = 0;
  let seen = 0;
  for (const [step, count] of counts) {
    if (count > seen || (count === seen && step < best)) [best, seen] = [step, count];
  }
  return best;
}

/** The recording rewritten to be seekable, or undefined when it is not a WebM with audio blocks. */
export function makeWebmSeekable(input: Uint8Array): SeekableWebm | undefined {
  const parsed = parse(input);
  if (!parsed) return undefined;
  const { times, timestampScale } = parsed;
  const sorted = [...times].sort((a, b) => a - b);
  const duration = (sorted.at(-1) ?? 0) + frameLength(sorted);

  const info = element(ID.Info, partsOf([...parsed.info, floatElement(ID.Duration, duration)]));
  const clusters = parsed.clusters.map((c) =>
    element(ID.Cluster, partsOf([uintElement(ID.Timestamp, c.timestamp), ...c.blocks])),
  );
  const track = firstTrackNumber(parsed.tracks.subarray(readElementHeader(parsed.tracks, 0)?.headerLength ?? 0));
  const others = partsOf(parsed.others);

  // First pass with zero positions for the lengths, second with the real positions.
  const layout = (positions: { info: number; tracks: number; cues: number; clusters: number[] }) => {
    const head = seekHead([
      [ID.Info, positions.info],
      [ID.Tracks, positions.tracks],
      [ID.Cues, positions.cues],
    ]);
    return { head, index: cues(parsed.clusters, positions.clusters, track) };
  };
  const sized = layout({ info: 0, tracks: 0, cues: 0, clusters: [] });
  const infoAt = sized.head.length;
  const tracksAt = infoAt + info.length;
  const cuesAt = tracksAt + parsed.tracks.length + others.length;
  let clusterAt = cuesAt + sized.index.length;
  const clusterPositions = clusters.map((c) => {
    const position = clusterAt;
    clusterAt += c.length;
    return position;
  });
  const { head, index } = layout({ info: infoAt, tracks: tracksAt, cues: cuesAt, clusters: clusterPositions });
  const body = partsOf([head, info, parsed.tracks, others, index, ...clusters]);
  const bytes = concat(parts(parsed.header, element(ID.Segment, body)));
  return {
    bytes,
    durationMs: (duration * timestampScale) / NANOSECONDS_PER_MS,
    clusters: clusters.length,
    blocks: times.length,
  };
}
