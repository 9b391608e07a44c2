import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { newUser } from './phone-engine.harness';
import { readWav } from './phone-pstn.wav';

/**
 * Reading a call recording as a listener would (issue 16): Debian's ffmpeg decodes the file, a
 * Goertzel filter finds each party's tone in every 100 ms block.
 */

/** A tone at or above this level (dBFS) in a block counts as heard. */
export const PRESENT_DB = -45;

/** The level of one frequency in a block, in dBFS (Goertzel filter with a Hann window: a full-scale sine is 0 dB). */
export function toneDb(block: Float64Array, sampleRate: number, frequency: number): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  let windowSum = 0;
  for (let i = 0; i < block.length; i += 1) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (block.length - 1));
    windowSum += w;
    const s0 = (block[i] ?? 0) * w + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = Math.max(0, s1 * s1 + s2 * s2 - coefficient * s1 * s2);
  return 20 * Math.log10((2 * Math.sqrt(power)) / windowSum + 1e-12);
}

/**
 * Per 100 ms block of the decoded file: is each tone of `tones` there? The browser's noise
 * suppression turns a steady microphone tone down to about -25 dBFS, muting takes it below -65:
 * -45 is 20 dB from both. A far end's tone arrives at about -6. `dir`: where the decoded WAV goes.
 */
export function toneTimeline<Name extends string>(
  file: string,
  dir: string,
  tones: Readonly<Record<Name, number>>,
): { seconds: number } & Record<Name, boolean[]> {
  const wav = join(dir, `${newUser('decoded')}.wav`);
  // Gaps between blocks (an encoder short of CPU) become silence, so the decoded timeline is the player's.
  const fill = 'aresample=async=1:first_pts=0';
  execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-af', fill, '-ac', '1', '-ar', '16000', '-f', 'wav', wav]);
  const { samples, sampleRate } = readWav(wav);
  const block = sampleRate / 10;
  const names = Object.keys(tones) as Name[];
  const present = Object.fromEntries(names.map((name) => [name, [] as boolean[]])) as Record<Name, boolean[]>;
  for (let start = 0; start + block <= samples.length; start += block) {
    const slice = samples.subarray(start, start + block);
    for (const name of names) present[name].push(toneDb(slice, sampleRate, tones[name]) > PRESENT_DB);
  }
  return { seconds: samples.length / sampleRate, ...present };
}

/** The length a file's container states (ffprobe), NaN when it states none. */
export function fileSeconds(file: string): number {
  const args = ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file];
  return Number(execFileSync('ffprobe', args).toString().trim());
}

/** The longest stretch of 100 ms blocks where `present` is `value`, in seconds. */
export function longestRun(present: boolean[], value: boolean): { from: number; to: number } {
  let best = { from: 0, to: 0 };
  let start = -1;
  for (let i = 0; i <= present.length; i += 1) {
    if (i < present.length && present[i] === value) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start > (best.to - best.from) * 10) best = { from: start / 10, to: i / 10 };
      start = -1;
    }
  }
  return best;
}

/** The share of blocks in [from, to) seconds where `present` holds. */
export const shareIn = (present: boolean[], from: number, to: number) => {
  const slice = present.slice(Math.round(from * 10), Math.round(to * 10));
  return slice.length === 0 ? Number.NaN : slice.filter(Boolean).length / slice.length;
};

/** A timeline as 0/1 strings, for a failure's report. */
export const bits = (present: boolean[]) => present.map(Number).join('');
