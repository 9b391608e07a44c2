import { describe, expect, it } from 'vitest';
import { wantsBrowserMode } from '../../../scripts/lib/start-mode.mjs';

/**
 * Issue 18: the README's lab story starts the senior's Warmline with `npm start -- --agent 2001`. On a machine
 * with a display and the Electron binary that opened the desktop app, which has no --agent and no lab, and whose
 * single-instance lock folded it into the first window: the senior never signed in.
 */
describe('which Warmline npm start opens', () => {
  it('browser mode for the options only browser mode has, the senior’s --agent first', () => {
    expect(wantsBrowserMode(['--agent', '2001'], {})).toBe(true);
    expect(wantsBrowserMode(['--agent=2001'], {})).toBe(true);
    for (const option of ['--port', '--data-dir', '--lab-port', '--no-lab', '--reset-corrupt-db'])
      expect(wantsBrowserMode([option], {}), option).toBe(true);
  });

  it('browser mode when asked for, else whatever the machine has', () => {
    expect(wantsBrowserMode([], { WARMLINE_MODE: 'browser' })).toBe(true);
    expect(wantsBrowserMode([], {})).toBe(false);
    expect(wantsBrowserMode(['--agents', 'x'], {})).toBe(false);
    expect(wantsBrowserMode([], { WARMLINE_MODE: 'desktop' })).toBe(false);
  });
});
