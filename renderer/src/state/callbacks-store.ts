import type { Callback } from '../../../shared/history';
import { CALLBACK_LIMITS, dueAt, dueCallbacks } from '../../../shared/history/callback-due';
import type { HostApi } from '../host';

export interface CallbacksState {
  /** Every open callback, by when it is due. */
  readonly callbacks: readonly Callback[];
  /** Those due now, earliest first. */
  readonly due: readonly Callback[];
}

/** The parts of the host the callbacks need. */
export type CallbacksHost = Pick<HostApi, 'listCallbacks' | 'closeFollowUp' | 'snoozeFollowUp'>;

/**
 * Callbacks promised in wrap-up (issue 15): read from the host's SQLite, re-read when a wrap-up
 * ends (that is when a new one is recorded) and after Done or Snooze, and checked against the
 * clock once a second while any is open. A callback coming due is announced once (`remind`: the
 * in-app reminder is the due list itself; the caller adds an OS or Web notification), and again
 * only when a snooze runs out.
 */
export class CallbacksStore {
  #state: CallbacksState = { callbacks: [], due: [] };
  readonly #listeners = new Set<() => void>();
  /** The due time each open callback was last reminded at, so it reminds once per due time (kept for open ones only). */
  readonly #reminded = new Map<number, number>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #reading = 0;

  constructor(
    private readonly host: CallbacksHost,
    private readonly remind: (callback: Callback) => void,
    private readonly now: () => number = Date.now,
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): CallbacksState => this.#state;

  /** How many callbacks' reminders are remembered (at most one per open callback). */
  get remembered(): number {
    return this.#reminded.size;
  }

  /** Reads the list again; a later read wins over an earlier one still on its way. */
  async refresh(): Promise<void> {
    const reading = ++this.#reading;
    const result = await this.host.listCallbacks();
    if (!result.ok || reading !== this.#reading) return;
    this.#set(result.value);
  }

  async done(noteId: number): Promise<boolean> {
    const result = await this.host.closeFollowUp({ noteId, closedAt: this.now() });
    await this.refresh();
    return result.ok;
  }

  async snooze(noteId: number): Promise<boolean> {
    const result = await this.host.snoozeFollowUp({ noteId, until: this.now() + CALLBACK_LIMITS.snoozeMs });
    await this.refresh();
    return result.ok;
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Compares the due times with the clock: called every second while any callback is open. */
  check(): void {
    const due = dueCallbacks(this.#state.callbacks, this.now());
    for (const callback of due) {
      const at = dueAt(callback);
      if (this.#reminded.get(callback.noteId) === at) continue;
      this.#reminded.set(callback.noteId, at);
      this.remind(callback);
    }
    const before = this.#state.due;
    if (before.length === due.length && before.every((c, i) => c === due[i])) return;
    this.#state = { ...this.#state, due };
    this.#listeners.forEach((l) => l());
  }

  #set(callbacks: readonly Callback[]): void {
    this.#state = { callbacks, due: [] };
    // Done ones leave the list and are forgotten: a shift of callbacks does not grow this.
    const open = new Set(callbacks.map((c) => c.noteId));
    for (const noteId of this.#reminded.keys()) if (!open.has(noteId)) this.#reminded.delete(noteId);
    if (callbacks.length > 0 && this.#timer === undefined) this.#timer = setInterval(() => this.check(), 1_000);
    if (callbacks.length === 0) this.stop();
    this.#listeners.forEach((l) => l());
    this.check();
  }
}
