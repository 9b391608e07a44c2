import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WrapUpDraftInput } from '../../../../shared/history';
import type { Result } from '../../../../shared/result';
import { DraftSaver, type SaveState } from './draft-saver';

const draft = (notes: string): WrapUpDraftInput => ({ callId: 'c1', notes, deadline: null });

describe('wrap-up draft saver', () => {
  let saved: string[];
  let states: SaveState[];
  let answers: Result<null>[];
  let saver: DraftSaver;

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

  it('writes the first draft at once and then only the latest one after the agent pauses, within 200 ms', async () => {
    saver.update(draft(''), true);
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toEqual(['']);
    for (const notes of ['H', 'He', 'Hel', 'Hell', 'Hello']) {
      saver.update(draft(notes));
      await vi.advanceTimersByTimeAsync(30);
    }
    await vi.advanceTimersByTimeAsync(199 - 30);
    expect(saved).toEqual(['', 'Hello']);
    expect(states.at(-1)).toBe('saved');
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
});

describe('wrap-up draft saver, leaving the form', () => {
  it('writes the latest change at once when the form goes away', async () => {
    const saved: string[] = [];
    const saver = new DraftSaver({
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
