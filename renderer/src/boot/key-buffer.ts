/** The most key presses kept for the app: a shortcut is a press or two; anything past that is not a plan. */
export const MAX_BUFFERED_KEYS = 16;

type KeyFields = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey' | 'repeat' | 'location'>;

/**
 * Keys pressed while the start shell shows, before React's keyboard handlers exist (issue 19): an
 * agent who hears the ring and presses Control+Alt+A then must not lose the answer. They are kept
 * and dispatched again, in order, once the app has mounted and its listeners are in place.
 */
export class KeyBuffer {
  readonly #keys: KeyFields[] = [];
  #target: EventTarget | undefined;

  readonly #onKey = (event: KeyboardEvent) => {
    if (event.isComposing || this.#keys.length >= MAX_BUFFERED_KEYS) return;
    const { key, code, ctrlKey, altKey, shiftKey, metaKey, repeat, location } = event;
    this.#keys.push({ key, code, ctrlKey, altKey, shiftKey, metaKey, repeat, location });
  };

  /** Starts keeping the key presses `target` (the window) sees. */
  listen(target: EventTarget): void {
    this.#target = target;
    target.addEventListener('keydown', this.#onKey as EventListener, true);
  }

  /** Stops keeping keys and hands the kept ones to `into` (the page's body): once, whoever calls again. */
  replay(into: EventTarget): void {
    this.#target?.removeEventListener('keydown', this.#onKey as EventListener, true);
    this.#target = undefined;
    for (const fields of this.#keys.splice(0))
      into.dispatchEvent(new KeyboardEvent('keydown', { ...fields, bubbles: true, cancelable: true }));
  }
}
