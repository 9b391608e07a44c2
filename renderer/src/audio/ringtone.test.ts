import { describe, expect, it } from 'vitest';
import { ringtoneWav } from './ringtone';

describe('ring tone', () => {
  it('is a valid 16-bit mono PCM WAV of one 3-second cadence', () => {
    const bytes = ringtoneWav(8_000);
    const view = new DataView(bytes.buffer);
    const text = (at: number, n: number) => String.fromCharCode(...bytes.slice(at, at + n));
    expect(text(0, 4)).toBe('RIFF');
    expect(text(8, 4)).toBe('WAVE');
    expect(view.getUint16(20, true)).toBe(1);
    expect(view.getUint16(22, true)).toBe(1);
    expect(view.getUint32(24, true)).toBe(8_000);
    expect(view.getUint32(40, true)).toBe(3 * 8_000 * 2);
  });

  it('rings in the first burst and is silent in the pause', () => {
    const bytes = ringtoneWav(8_000);
    const view = new DataView(bytes.buffer);
    const energy = (fromS: number, toS: number) => {
      let sum = 0;
      for (let i = Math.round(fromS * 8_000); i < Math.round(toS * 8_000); i += 1)
        sum += Math.abs(view.getInt16(44 + i * 2, true));
      return sum;
    };
    expect(energy(0.05, 0.35)).toBeGreaterThan(1_000_000);
    expect(energy(0.45, 0.55)).toBe(0);
    expect(energy(1.2, 2.9)).toBe(0);
  });
});
