// The recorded complaints the simulated customers speak: resources/complaints/, made by scripts/make-complaints.mjs.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { opusPacketSamples, readOpusPackets } from './ogg-opus.js';

/** The app's five UI languages; every complaint topic is recorded in each. */
export const COMPLAINT_LANGUAGES = ['en', 'nl', 'da', 'nb', 'tl'] as const;
export type ComplaintLanguage = (typeof COMPLAINT_LANGUAGES)[number];

export const DEFAULT_COMPLAINTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'resources', 'complaints');

const manifestSchema = z.array(
  z.object({
    file: z.string().regex(/^[\w-]+\.opus$/),
    lang: z.enum(COMPLAINT_LANGUAGES),
    topic: z.string().min(1),
    /** The queue a customer with this complaint calls (a hint; the simulator falls back to any complaint). */
    queue: z.string().min(1),
    caller: z.string().min(1).max(64),
    text: z.string(),
  }),
);

export interface Complaint {
  readonly lang: ComplaintLanguage;
  readonly topic: string;
  readonly queue: string;
  /** A name in the language's country, shown as the caller's display name. */
  readonly caller: string;
  readonly text: string;
  /** Opus packets, one per RTP packet. */
  readonly packets: readonly Buffer[];
  /** RTP timestamp step (48 kHz samples) of each packet. */
  readonly samples: readonly number[];
  readonly durationMs: number;
}

export function loadComplaints(dir: string = DEFAULT_COMPLAINTS_DIR): Complaint[] {
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'complaints.json'), 'utf8')));
  return manifest.map((m) => {
    const packets = readOpusPackets(readFileSync(join(dir, m.file)));
    const samples = packets.map(opusPacketSamples);
    const total = samples.reduce((a, b) => a + b, 0);
    return {
      lang: m.lang,
      topic: m.topic,
      queue: m.queue,
      caller: m.caller,
      text: m.text,
      packets,
      samples,
      durationMs: total / 48,
    };
  });
}

/** A complaint in `lang` for `queue`, else any in `lang`, else any at all; `random` in [0, 1). */
export function pickComplaint(all: readonly Complaint[], queue: string, lang: string, random: () => number): Complaint {
  const inLang = all.filter((c) => c.lang === lang);
  const fitting = inLang.filter((c) => c.queue === queue);
  const pool = fitting.length > 0 ? fitting : inLang.length > 0 ? inLang : all;
  const chosen = pool[Math.floor(random() * pool.length)];
  if (!chosen) throw new Error('no recorded complaints');
  return chosen;
}
