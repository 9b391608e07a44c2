import type { WarmlineDatabase } from '../storage/database';

export interface Bounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  readonly bounds: Bounds;
  readonly maximized: boolean;
}

interface Row {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: number;
}

/** Raw SQL for the `window_state` table: one row per named window. */
export function createWindowStateStore(db: WarmlineDatabase) {
  const select = db.prepare<[string], Row>('SELECT x, y, width, height, maximized FROM window_state WHERE name = ?');
  const upsert = db.prepare<[string, number, number, number, number, number, number]>(
    `INSERT INTO window_state (name, x, y, width, height, maximized, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET x = excluded.x, y = excluded.y, width = excluded.width,
       height = excluded.height, maximized = excluded.maximized, updated_at = excluded.updated_at`,
  );
  return {
    load(name: string): WindowState | undefined {
      const row = select.get(name);
      if (!row) return undefined;
      const { x, y, width, height, maximized } = row;
      return { bounds: { x, y, width, height }, maximized: maximized === 1 };
    },
    save(name: string, state: WindowState, now: number): void {
      const { x, y, width, height } = state.bounds;
      const int = Math.round;
      db.transaction(() => upsert.run(name, int(x), int(y), int(width), int(height), state.maximized ? 1 : 0, now))();
    },
  };
}

export type WindowStateStore = ReturnType<typeof createWindowStateStore>;
