import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WrapUpDraftInput } from '../../../shared/history';
import type { Result } from '../../../shared/result';
import { DraftSaver, type SaveState } from './draft-saver';

const draft = (notes: string): WrapUpDraftInput => ({ callId: 'c1', notes, deadline: null });

describe('wrap-up draft saver', () => {
  let saved: string[];
  let states: SaveState[];
  let answers: Result<null>[];
  let saver: DraftSaver<WrapUpDraftInput>;

  beforeEach(() => {
    vi.useFakeTimers();
    saved = [];
    states = [];
    answers = [];
    saver = new DraftSaver({
      save: (d) => {
        saved.push(d.notes ?? '');
        return Promise.resolve(answers.shift() ?? { ok: true, value: null });
      },
      onState: (s) => states.push(s),
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes the first draft at once and then the latest one, a burst of changes in one write, within 200 ms', async () => {
    saver.update(draft(''), true);
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toEqual(['']);
    for (const notes of ['H', 'He', 'Hel', 'Hell', 'Hello']) {
      saver.update(draft(notes));
      await vi.advanceTimersByTimeAsync(30);
    }
    await vi.advanceTimersByTimeAsync(199 - 30);
    // Five changes in 150 ms: written in at most two writes, the last one the latest text.
    expect(saved[0]).toBe('');
    expect(saved.length).toBeLessThanOrEqual(3);
    expect(saved.at(-1)).toBe('Hello');
    expect(states.at(-1)).toBe('saved');
  });

  it('an agent who types without ever pausing still has every change on disk within 200 ms of making it', async () => {
    saver.update(draft(''), true);
    await vi.advanceTimersByTimeAsync(0);
    const typedAt = new Map<string, number>();
    let notes = '';
    for (let t = 0; t < 2_000; t += 40) {
      notes += 'x';
      typedAt.set(notes, t);
      saver.update(draft(notes));
      await vi.advanceTimersByTimeAsync(40);
      // Whatever was typed 200 ms ago or earlier is in the last write.
      const last = saved.at(-1) ?? '';
      const due = [...typedAt].filter(([, at]) => at <= t + 40 - 200).map(([n]) => n.length);
      expect(last.length).toBeGreaterThanOrEqual(Math.max(0, ...due));
    }
    // ...without writing on every keystroke.
    expect(saved.length).toBeLessThan(typedAt.size);
  });

  it('tries again while the call is not in the history yet', async () => {
    answers.push({ ok: false, error: { code: 'not-found', message: 'not recorded yet' } });
    saver.update(draft('first'), true);
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toEqual(['first']);
    await vi.advanceTimersByTimeAsync(100);
    expect(saved).toEqual(['first', 'first']);
    expect(states.at(-1)).toBe('saved');
  });

  it('says so when the host refuses the draft, and writes nothing after close', async () => {
    answers.push({ ok: false, error: { code: 'invalid-input', message: 'notes: too long' } });
    saver.update(draft('x'), true);
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toBe('failed');
    saver.update(draft('y'));
    await saver.close();
    await vi.advanceTimersByTimeAsync(500);
    expect(saved).toEqual(['x']);
  });

  it('on a full disk says so and keeps trying the latest draft, past any retry limit, until there is space (issue 17, finding 11)', async () => {
    const full: Result<null> = { ok: false, error: { code: 'storage-full', message: 'The disk is full' } };
    for (let i = 0; i < 80; i += 1) answers.push(full);
    saver.update(draft('x'), true);
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toBe('diskFull');
    saver.update(draft('xy'));
    await vi.advanceTimersByTimeAsync(80 * 2000);
    expect(states).not.toContain('failed');
    expect(saved.at(-1)).toBe('xy');
    expect(states.at(-1)).toBe('saved');
  });
});

describe('wrap-up draft saver, leaving the form', () => {
  it('writes the latest change at once when the form goes away', async () => {
    const saved: string[] = [];
    const saver = new DraftSaver<WrapUpDraftInput>({
      save: (d) => {
        saved.push(d.notes ?? '');
        return Promise.resolve({ ok: true, value: null });
      },
      onState: () => {},
      debounceMs: 10_000,
    });
    saver.update(draft('typed just now'));
    await saver.flushAndClose();
    expect(saved).toEqual(['typed just now']);
  });
});
