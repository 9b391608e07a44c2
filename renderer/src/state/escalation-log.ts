import type { EscalationContext } from '../../../shared/escalation';
import type { EscalationMode } from '../../../shared/history';

const RECENT_CALLS = 4;

/** One escalation as its sender keeps it until the call is recorded: what was said, and how it was sent. */
export interface SentEscalation {
  readonly context: EscalationContext;
  readonly mode: EscalationMode;
}

/**
 * The contexts this agent sent, by customer call, until the call is recorded in history: the
 * call model knows the consult legs, only the sender knows what was said with each.
 */
export class EscalationLog {
  readonly #sent = new Map<string, SentEscalation[]>();
  /** What was taken for the history, kept a little longer for the wrap-up form's first draft. */
  readonly #recent = new Map<string, readonly SentEscalation[]>();
  readonly #listeners = new Set<() => void>();

  sent(callId: string, context: EscalationContext, mode: EscalationMode = 'consult'): void {
    this.#sent.set(callId, [...(this.#sent.get(callId) ?? []), { context, mode }]);
    this.#listeners.forEach((l) => l());
  }

  /** Told of every escalation sent (the agent's presence carries the one in progress). */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  /** Hands over (and forgets) what was sent on a call. */
  take(callId: string): readonly SentEscalation[] {
    const sent = this.#sent.get(callId) ?? [];
    this.#sent.delete(callId);
    if (sent.length > 0) {
      this.#recent.set(callId, sent);
      // A few calls back is plenty: wrap-up follows the call that just ended.
      for (const old of [...this.#recent.keys()].slice(0, -RECENT_CALLS)) this.#recent.delete(old);
    }
    return sent;
  }

  /** Everything sent on a call, whether or not the history has taken it yet. */
  sentOn(callId: string): readonly SentEscalation[] {
    return this.#sent.get(callId) ?? this.#recent.get(callId) ?? [];
  }

  /** The last context sent on a call, whether or not the history has taken it yet. */
  lastSent(callId: string): EscalationContext | undefined {
    return this.sentOn(callId).at(-1)?.context;
  }
}
