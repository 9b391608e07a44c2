import { readFileSync } from 'node:fs';

/** The first channel of a 16-bit PCM WAV file, as numbers in [-1, 1). */
export interface Pcm {
  readonly sampleRate: number;
  readonly samples: Float64Array;
}

/**
 * Reads a RIFF/WAVE file of 16-bit PCM. The sndfile dump is still being written while we read
 * it, so its header sizes may be 0 or stale: the data chunk is taken to run to the end of file.
 */
export function readWav(path: string): Pcm {
  const file = readFileSync(path);
  if (file.toString('ascii', 0, 4) !== 'RIFF' || file.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(`${path} is not a WAV file`);
  }
  let offset = 12;
  let channels = 0;
  let sampleRate = 0;
  let bits = 0;
  while (offset + 8 <= file.length) {
    const id = file.toString('ascii', offset, offset + 4);
    const size = file.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (file.readUInt16LE(body) !== 1) throw new Error(`${path}: not PCM`);
      channels = file.readUInt16LE(body + 2);
      sampleRate = file.readUInt32LE(body + 4);
      bits = file.readUInt16LE(body + 14);
    } else if (id === 'data') {
      if (bits !== 16 || channels < 1) throw new Error(`${path}: want 16-bit PCM, got ${bits} bits x ${channels}`);
      const frame = 2 * channels;
      const frames = Math.floor((file.length - body) / frame);
      const samples = new Float64Array(frames);
      for (let i = 0; i < frames; i += 1) samples[i] = file.readInt16LE(body + i * frame) / 32_768;
      return { sampleRate, samples };
    }
    offset = body + size + (size % 2);
  }
  return { sampleRate, samples: new Float64Array(0) };
}

/**
 * Share of a block's power at one frequency (Goertzel filter, exact frequency, no FFT bins):
 * about 1 for a pure tone at `frequency`, about 0 for silence-free signals elsewhere. A Hann
 * window keeps the leakage of a nearby loud tone from counting.
 */
export function toneShare(block: Float64Array, sampleRate: number, frequency: number): number {
  const n = block.length;
  const coefficient = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  let energy = 0;
  let windowEnergy = 0;
  for (let i = 0; i < n; i += 1) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1));
    const x = (block[i] ?? 0) * w;
    const s0 = x + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
    energy += x * x;
    windowEnergy += w * w;
  }
  if (energy === 0 || windowEnergy === 0) return 0;
  const power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
  // For x = A·sin, power ≈ (A·Σw/2)² and energy ≈ A²·Σw²/2; normalise so a pure tone gives ~1.
  let windowSum = 0;
  for (let i = 0; i < n; i += 1) windowSum += 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1));
  return (power * 2 * windowEnergy) / (energy * windowSum * windowSum);
}

export interface ToneReport {
  /** Blocks of 100 ms in the analysed stretch. */
  readonly blocks: number;
  /** Blocks that were audible (RMS above -40 dBFS) and mostly the tone. */
  readonly toneBlocks: number;
  /** Loudest block RMS, in dBFS. */
  readonly peakDb: number;
}

/** How much of the last `seconds` of a recording is the given tone, in 100 ms blocks. */
export function findTone(pcm: Pcm, frequency: number, seconds = 2): ToneReport {
  const size = Math.round(pcm.sampleRate / 10);
  const start = Math.max(0, pcm.samples.length - Math.round(seconds * pcm.sampleRate));
  let blocks = 0;
  let toneBlocks = 0;
  let peakDb = -200;
  for (let at = start; at + size <= pcm.samples.length; at += size) {
    const block = pcm.samples.subarray(at, at + size);
    let sum = 0;
    for (const x of block) sum += x * x;
    const db = 10 * Math.log10(sum / size || 1e-20);
    peakDb = Math.max(peakDb, db);
    blocks += 1;
    if (db > -40 && toneShare(block, pcm.sampleRate, frequency) > 0.5) toneBlocks += 1;
  }
  return { blocks, toneBlocks, peakDb };
}
