import { describe, expect, it } from 'vitest';
import { restorableBounds } from '../../../electron/services/window-state/restore';

const MIN = { width: 960, height: 640 };
const laptop = { x: 0, y: 0, width: 1920, height: 1050 };
const leftMonitor = { x: -2560, y: 0, width: 2560, height: 1400 };

describe('restoring the window where the agent left it', () => {
  it('uses the saved bounds when the title bar is on a display, including a second monitor', () => {
    expect(restorableBounds({ x: 100, y: 50, width: 1200, height: 800 }, [laptop], MIN)).toEqual({
      x: 100,
      y: 50,
      width: 1200,
      height: 800,
    });
    expect(restorableBounds({ x: -2000, y: 100, width: 1200, height: 800 }, [laptop, leftMonitor], MIN)).toMatchObject({
      x: -2000,
    });
  });

  it('opens at the default place when that monitor is gone or the title bar would be off-screen', () => {
    expect(restorableBounds({ x: -2000, y: 100, width: 1200, height: 800 }, [laptop], MIN)).toBeUndefined();
    expect(restorableBounds({ x: 100, y: -200, width: 1200, height: 800 }, [laptop], MIN)).toBeUndefined();
    expect(restorableBounds({ x: 1880, y: 100, width: 1200, height: 800 }, [laptop], MIN)).toBeUndefined();
    expect(restorableBounds({ x: 100, y: 1040, width: 1200, height: 800 }, [laptop], MIN)).toBeUndefined();
    expect(restorableBounds({ x: 100, y: 100, width: 1200, height: 800 }, [], MIN)).toBeUndefined();
    expect(restorableBounds({ x: NaN, y: 100, width: 1200, height: 800 }, [laptop], MIN)).toBeUndefined();
  });

  it('shrinks a window larger than its display, but never below the minimum size', () => {
    const small = { x: 0, y: 0, width: 1280, height: 700 };
    expect(restorableBounds({ x: 0, y: 0, width: 2400, height: 1400 }, [small], MIN)).toEqual({
      x: 0,
      y: 0,
      width: 1280,
      height: 700,
    });
    expect(restorableBounds({ x: 0, y: 0, width: 2400, height: 1400 }, [{ ...small, height: 500 }], MIN)?.height).toBe(640);
  });
});
