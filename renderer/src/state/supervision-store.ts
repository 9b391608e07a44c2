import type { SupervisionRecord } from '../../../shared/history';
import { missingCaseError } from '../../../shared/result';
import type { SupervisionEndReason } from '../../../shared/supervision/ended';
import type { SupervisionMode } from '../../../shared/supervision/request';
import type { SupervisionEvent } from '../phone/supervision';

/** Who is supervising one of the agent's calls right now, for the call card's indicator. */
export interface ActiveSupervision {
  readonly supervisor: string;
  readonly mode: SupervisionMode;
  readonly since: number;
}

/** The supervisor's own leg to an agent, for the supervisor's panel. */
export interface MonitorView {
  readonly agent: string;
  readonly state: 'calling' | 'active' | 'ended';
  readonly mode: SupervisionMode;
  readonly status?: number;
  readonly endReason?: SupervisionEndReason;
}

export interface SupervisionState {
  /** By the app's call id: the agent's calls a supervisor is on now. */
  readonly active: ReadonlyMap<string, ActiveSupervision>;
  readonly monitor: MonitorView | undefined;
}

/** Calls whose stretches wait for the history record; a cap keeps a leak impossible. */
const MAX_CALLS = 16;

/**
 * What supervision the phone reports, kept for the screen (the indicator, the supervisor's panel)
 * and for history (each mode stretch from–to, taken when the call is recorded).
 */
export class SupervisionStore {
  #state: SupervisionState = { active: new Map(), monitor: undefined };
  readonly #stretches = new Map<string, SupervisionRecord[]>();
  readonly #listeners = new Set<() => void>();

  constructor(private readonly log: (message: string) => void = () => undefined) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): SupervisionState => this.#state;

  apply(event: SupervisionEvent): void {
    switch (event.type) {
      case 'supervised': {
        this.#close(event.callId, event.at);
        const active = new Map(this.#state.active);
        active.set(event.callId, { supervisor: event.supervisor, mode: event.mode, since: event.at });
        this.#set({ ...this.#state, active });
        return;
      }
      case 'unsupervised': {
        this.#close(event.callId, event.at);
        const active = new Map(this.#state.active);
        active.delete(event.callId);
        this.#set({ ...this.#state, active });
        return;
      }
      // The record is the host's log file (<data>/logs/warmline.log): who asked and why.
      case 'supervision-refused':
        this.log(`supervision: refused a request from ${event.from} (${event.refusal})`);
        return;
      case 'monitor':
        this.#set({
          ...this.#state,
          monitor: {
            agent: event.agent,
            state: event.state,
            mode: event.mode,
            ...(event.status !== undefined ? { status: event.status } : {}),
            ...(event.endReason !== undefined ? { endReason: event.endReason } : {}),
          },
        });
        return;
      default:
        throw missingCaseError(event);
    }
  }

  /** The call's supervision stretches for its history record; one still open ends at `endedAt`. */
  take(callId: string, endedAt: number): readonly SupervisionRecord[] {
    const open = this.#state.active.get(callId);
    if (open) {
      this.#close(callId, Math.max(endedAt, open.since));
      const active = new Map(this.#state.active);
      active.delete(callId);
      this.#set({ ...this.#state, active });
    }
    const stretches = this.#stretches.get(callId) ?? [];
    this.#stretches.delete(callId);
    return stretches;
  }

  #close(callId: string, at: number): void {
    const open = this.#state.active.get(callId);
    if (!open) return;
    const list = this.#stretches.get(callId) ?? [];
    list.push({ supervisor: open.supervisor, mode: open.mode, start: open.since, end: Math.max(at, open.since) });
    this.#stretches.set(callId, list.slice(-50));
    // The open stretch is closed: a later close (the leg's own end) must not count it twice.
    const active = new Map(this.#state.active);
    active.set(callId, { ...open, since: Math.max(at, open.since) });
    this.#state = { ...this.#state, active };
    if (this.#stretches.size > MAX_CALLS) {
      const oldest = this.#stretches.keys().next().value;
      if (oldest !== undefined) this.#stretches.delete(oldest);
    }
  }

  #set(state: SupervisionState): void {
    this.#state = state;
    this.#listeners.forEach((listener) => listener());
  }
}
