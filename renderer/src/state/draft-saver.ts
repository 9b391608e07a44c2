import type { Result } from '../../../shared/result';

/** `diskFull`: the host's disk is full; the draft is kept here and written again until it fits. */
export type SaveState = 'idle' | 'saving' | 'saved' | 'failed' | 'diskFull';

export interface DraftSaverOptions<T> {
  readonly save: (draft: T) => Promise<Result<null>>;
  readonly onState: (state: SaveState) => void;
  /**
   * The longest a change waits before it is written: below the 200 ms the form promises. Changes
   * made in that time go in the same write.
   */
  readonly debounceMs?: number;
  /** The call may not be in the history yet when wrap-up starts (it is recorded as it ends): try again. */
  readonly retryMs?: number;
  readonly maxRetries?: number;
  /** How often a draft refused for a full disk is tried again: without limit, until space returns. */
  readonly diskFullRetryMs?: number;
}

/**
 * Writes a draft the agent is typing (the wrap-up form, a call's notes) to the host: the first at
 * once when asked, then the latest one at most `debounceMs` after a change, one write at a time so
 * an older draft never lands after a newer one. Not a trailing debounce: an agent who types
 * without pausing would never be saved.
 */
export class DraftSaver<T> {
  readonly #options: Required<DraftSaverOptions<T>>;
  #pending: T | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #chain: Promise<void> = Promise.resolve();
  #retries = 0;
  #closed = false;

  constructor(options: DraftSaverOptions<T>) {
    this.#options = { debounceMs: 120, retryMs: 100, maxRetries: 50, diskFullRetryMs: 2000, ...options };
  }

  update(draft: T, immediately = false): void {
    if (this.#closed) return;
    this.#pending = draft;
    if (immediately) this.#arm(0);
    else if (this.#timer === undefined) this.#arm(this.#options.debounceMs);
  }

  /** Stops saving (the wrap-up is being finished) and waits for a write under way. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#chain;
  }

  /** Writes the latest change now instead of after the quiet time, then stops (the form is going away). */
  async flushAndClose(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const draft = this.#pending;
    this.#pending = undefined;
    await this.#chain;
    if (draft) await this.#options.save(draft).catch(() => undefined);
  }

  #arm(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#chain = this.#chain.then(() => this.#write());
    }, ms);
  }

  async #write(): Promise<void> {
    const draft = this.#pending;
    if (!draft || this.#closed) return;
    this.#pending = undefined;
    this.#options.onState('saving');
    const result = await this.#options
      .save(draft)
      .catch((error: unknown): Result<null> => ({ ok: false, error: { code: 'internal', message: String(error) } }));
    if (result.ok) {
      this.#retries = 0;
      if (!this.#pending) this.#options.onState('saved');
      return;
    }
    if (result.error.code === 'storage-full' && !this.#closed) {
      // Nothing is lost while the page stays open: the latest draft is written once there is space.
      this.#options.onState('diskFull');
      this.#pending ??= draft;
      if (this.#timer === undefined) this.#arm(this.#options.diskFullRetryMs);
      return;
    }
    const retry = result.error.code === 'not-found' || result.error.code === 'internal';
    if (retry && this.#retries < this.#options.maxRetries && !this.#closed) {
      this.#retries += 1;
      this.#pending ??= draft;
      if (this.#timer === undefined) this.#arm(this.#options.retryMs);
      return;
    }
    this.#options.onState('failed');
  }
}
