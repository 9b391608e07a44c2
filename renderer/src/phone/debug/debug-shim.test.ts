import { describe, expect, it } from 'vitest';
import createDebug from './debug-shim.cjs';

describe("JsSIP's debug, without the debug package", () => {
  it('is silent unless its namespace is enabled, then logs with the namespace in front', () => {
    const lines: unknown[][] = [];
    const ua = createDebug.default('JsSIP:UA');
    ua.log = (...args) => lines.push(args);
    createDebug.disable();
    ua('connecting to %s', 'ws://x');
    expect(lines).toEqual([]);
    expect(ua.enabled).toBe(false);

    createDebug.enable('JsSIP:*,-JsSIP:Transport');
    const transport = createDebug('JsSIP:Transport');
    transport.log = (...args) => lines.push(args);
    ua('connecting to %s', 'ws://x');
    transport('sent');
    ua({ n: 1 });
    expect(lines).toEqual([
      ['JsSIP:UA connecting to %s', 'ws://x'],
      ['JsSIP:UA', { n: 1 }],
    ]);
    expect(createDebug.enabled('JsSIP:RTCSession')).toBe(true);
    expect(createDebug.enabled('JsSIP:Transport')).toBe(false);
    expect(createDebug.enabled('Other')).toBe(false);

    expect(createDebug.disable()).toBe('JsSIP:*,-JsSIP:Transport');
    ua('after');
    expect(lines).toHaveLength(2);
  });

  it('treats the namespace pattern as text apart from *', () => {
    createDebug.enable('JsSIP:(a|b)');
    try {
      expect(createDebug.enabled('JsSIP:(a|b)')).toBe(true);
      expect(createDebug.enabled('JsSIP:a')).toBe(false);
    } finally {
      createDebug.disable();
    }
  });
});
