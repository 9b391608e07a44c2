import type { PhoneEvent, PhoneListener } from './events';

/** A listener list for the one event union; a throwing listener cannot break the phone or its peers. */
export class PhoneEmitter {
  readonly #listeners = new Set<PhoneListener>();

  on(listener: PhoneListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: PhoneEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        // Reported, not rethrown: we are usually inside a JsSIP callback here.
        console.error('phone listener failed', event.type, error);
      }
    }
  }
}
