/**
 * The ring tone, made here rather than shipped: one cadence (0.4 s on, 0.2 s off, 0.4 s on,
 * 2 s off, as UK/European PBXes ring internal lines) of a 440+480 Hz dual tone, as 16-bit mono
 * WAV bytes, looped by the player. Pure, so the bytes are testable.
 */
export function ringtoneWav(sampleRate = 16_000): Uint8Array {
  const segments: readonly (readonly [boolean, number])[] = [
    [true, 0.4],
    [false, 0.2],
    [true, 0.4],
    [false, 2.0],
  ];
  const total = Math.round(segments.reduce((sum, [, s]) => sum + s, 0) * sampleRate);
  const samples = new Int16Array(total);
  let offset = 0;
  for (const [on, seconds] of segments) {
    const count = Math.round(seconds * sampleRate);
    for (let i = 0; i < count && offset + i < total; i += 1) {
      if (!on) continue;
      const t = i / sampleRate;
      // 5 ms ramps: no clicks at the edges of each burst.
      const ramp = Math.min(1, t / 0.005, (seconds - t) / 0.005);
      const value = (Math.sin(2 * Math.PI * 440 * t) + Math.sin(2 * Math.PI * 480 * t)) * 0.35 * ramp;
      samples[offset + i] = Math.round(value * 32767);
    }
    offset += count;
  }
  return wav(samples, sampleRate);
}

function wav(samples: Int16Array, sampleRate: number): Uint8Array {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string) => [...text].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  samples.forEach((s, i) => view.setInt16(44 + i * 2, s, true));
  return bytes;
}
