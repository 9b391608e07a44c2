import type { UA } from 'jssip/lib/UA';
import { registrationFailure } from './causes';
import type { PhoneEvent, RegistrationFailure, RegistrationStatus } from './events';

/**
 * Folds JsSIP's UA events into one RegistrationStatus. JsSIP itself reconnects (backoff with
 * jitter, see config.ts) and re-registers when the WebSocket is back; we only say so.
 */
export class RegistrationTracker {
  #status: RegistrationStatus = { state: 'stopped' };
  #emit: (event: PhoneEvent) => void;
  #lostConnection = false;
  #wasRegistered = false;
  #stopping = false;
  #attempt = 0;
  #lastFailure: RegistrationFailure | undefined;
  /** Unregistered on purpose while the agent is paused in the queues (the `unregister` strategy). */
  #parked = false;
  /**
   * Which user agent's events count. A user agent that was replaced (new sign-in settings) still
   * reports its own disconnect a moment later; without this, that old 'disconnected' landed after
   * the new one's 'registered' and the desk showed "reconnecting" for good (issue 13).
   */
  #generation = 0;

  constructor(emit: (event: PhoneEvent) => void) {
    this.#emit = emit;
  }

  get status(): RegistrationStatus {
    return this.#status;
  }

  /** The agent asked to go offline or quit: the coming disconnect is not a failure. */
  stopping(): void {
    this.#stopping = true;
  }

  /**
   * Paused in the queues by dropping the registration: the coming 'unregistered' is not a lost
   * connection, the agent is still signed in and reachable for outbound calls.
   */
  park(parked: boolean): void {
    this.#parked = parked;
  }

  watch(ua: UA): void {
    this.#generation += 1;
    const generation = this.#generation;
    const current = () => generation === this.#generation;
    this.#stopping = false;
    this.#attempt = 0;
    this.#lostConnection = false;
    this.#wasRegistered = false;
    this.#lastFailure = undefined;
    // Every handler below hears only the current user agent (JsSIP's `on` is overloaded per event).
    const on = ((type: string, listener: (...args: never[]) => void) =>
      ua.on(
        type as never,
        ((...args: never[]) => {
          if (current()) listener(...args);
        }) as never,
      )) as UA['on'];
    on('connecting', () => {
      this.#attempt += 1;
      this.#set({
        state: 'connecting',
        attempt: this.#attempt,
        ...(this.#lastFailure ? { lastFailure: this.#lastFailure } : {}),
      });
    });
    on('connected', () => {
      this.#attempt = 0;
      this.#set({ state: 'registering' });
    });
    on('disconnected', (data) => {
      if (this.#stopping) return;
      if (this.#wasRegistered) this.#lostConnection = true;
      this.#wasRegistered = false;
      const code = (data as { code?: number }).code;
      this.#lastFailure = {
        reason: 'server-unreachable',
        detail: code === undefined ? 'WebSocket closed' : `WebSocket closed (${code})`,
      };
      // JsSIP schedules the next attempt itself; 'connecting' follows when it starts.
      this.#set({ state: 'connecting', attempt: this.#attempt, lastFailure: this.#lastFailure });
    });
    on('registered', () => {
      if (this.#parked) {
        // JsSIP registers again by itself after a reconnect; a paused agent stays without a contact.
        this.#set({ state: 'registered', recovered: this.#lostConnection, parked: true });
        ua.unregister();
        this.#lostConnection = false;
        return;
      }
      this.#set({ state: 'registered', recovered: this.#lostConnection });
      this.#lostConnection = false;
      this.#wasRegistered = true;
      this.#lastFailure = undefined;
    });
    on('unregistered', () => {
      this.#wasRegistered = false;
      if (this.#parked && this.#status.state === 'registered' && !this.#stopping) {
        this.#wasRegistered = true;
        this.#set({ state: 'registered', recovered: false, parked: true });
        return;
      }
      // Also fired when the transport closes; 'disconnected' already said what happened.
      if (this.#status.state === 'registered' && !this.#stopping) this.#set({ state: 'unregistered' });
    });
    on('registrationFailed', ({ response, cause }) => {
      const failure = registrationFailure(response, cause);
      this.#wasRegistered = false;
      if (failure.reason === 'server-unreachable') {
        this.#lastFailure = failure;
        this.#set({ state: 'connecting', attempt: this.#attempt, lastFailure: failure });
      } else {
        this.#set({ state: 'failed', failure });
      }
    });
  }

  /** The user agent is being replaced (new sign-in settings): nothing it says from now on counts. */
  retire(): void {
    this.#generation += 1;
  }

  stopped(): void {
    this.#generation += 1;
    this.#parked = false;
    this.#set({ state: 'stopped' });
    this.#lostConnection = false;
    this.#wasRegistered = false;
    this.#lastFailure = undefined;
  }

  #set(status: RegistrationStatus): void {
    this.#status = status;
    this.#emit({ type: 'registration', status });
  }
}
