import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPLAINT_LANGUAGES, DEFAULT_COMPLAINTS_DIR, loadComplaints, pickComplaint } from './complaints.js';
import { OggOpusError, opusPacketSamples, readOpusPackets } from './ogg-opus.js';

describe('recorded complaints', () => {
  const complaints = loadComplaints();

  it('has every topic in each of the five UI languages, stored small', () => {
    const topics = new Set(complaints.map((c) => c.topic));
    expect(topics).toEqual(new Set(['billing', 'router', 'delivery']));
    for (const lang of COMPLAINT_LANGUAGES) {
      expect(
        complaints
          .filter((c) => c.lang === lang)
          .map((c) => c.topic)
          .sort(),
      ).toEqual([...topics].sort());
    }
    const sizes = complaints.map((c) => statSync(join(DEFAULT_COMPLAINTS_DIR, `${c.lang}-${c.topic}.opus`)).size);
    expect(Math.max(...sizes)).toBeLessThan(32 * 1024);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(512 * 1024);
  });

  it('reads as 20 ms Opus packets lasting as long as a spoken complaint', () => {
    for (const c of complaints) {
      expect(c.samples.every((n) => n === 960)).toBe(true);
      expect(c.durationMs).toBeGreaterThan(5_000);
      expect(c.durationMs).toBeLessThan(30_000);
    }
  });

  it('picks a complaint for the queue in the language, else any in the language', () => {
    expect(pickComplaint(complaints, 'technical', 'nb', () => 0)).toMatchObject({ lang: 'nb', topic: 'router' });
    expect(pickComplaint(complaints, 'support', 'da', () => 0.99).queue).toBe('support');
    expect(pickComplaint(complaints, 'senior', 'tl', () => 0).lang).toBe('tl');
  });
});

describe('Ogg Opus reader', () => {
  it('refuses what is not Ogg Opus', () => {
    expect(() => readOpusPackets(Buffer.from('RIFF....WAVE'))).toThrow(OggOpusError);
    expect(() => readOpusPackets(Buffer.alloc(0))).toThrow(OggOpusError);
  });

  it('counts samples from the TOC byte (RFC 6716 §3.1)', () => {
    expect(opusPacketSamples(Buffer.from([0xf8, 0xff, 0xfe]))).toBe(960); // CELT 20 ms, one frame
    expect(opusPacketSamples(Buffer.from([0x09]))).toBe(1920); // SILK NB 40 ms
    expect(opusPacketSamples(Buffer.from([(3 << 3) | 3, 0x03]))).toBe(2880 * 3); // SILK NB 60 ms, code 3, three frames
    expect(opusPacketSamples(Buffer.from([(16 << 3) | 1]))).toBe(240); // CELT 2.5 ms, two frames
  });
});
