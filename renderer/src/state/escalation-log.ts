import type { EscalationContext } from '../../../shared/escalation';

const RECENT_CALLS = 4;

/**
 * The contexts this agent sent, by customer call, until the call is recorded in history: the
 * call model knows the consult legs, only the sender knows what was said with each.
 */
export class EscalationLog {
  readonly #sent = new Map<string, EscalationContext[]>();
  /** What was taken for the history, kept a little longer for the wrap-up form's first draft. */
  readonly #recent = new Map<string, readonly EscalationContext[]>();

  sent(callId: string, context: EscalationContext): void {
    this.#sent.set(callId, [...(this.#sent.get(callId) ?? []), context]);
  }

  /** Hands over (and forgets) what was sent on a call. */
  take(callId: string): readonly EscalationContext[] {
    const contexts = this.#sent.get(callId) ?? [];
    this.#sent.delete(callId);
    if (contexts.length > 0) {
      this.#recent.set(callId, contexts);
      // A few calls back is plenty: wrap-up follows the call that just ended.
      for (const old of [...this.#recent.keys()].slice(0, -RECENT_CALLS)) this.#recent.delete(old);
    }
    return contexts;
  }

  /** The last context sent on a call, whether or not the history has taken it yet. */
  lastSent(callId: string): EscalationContext | undefined {
    return (this.#sent.get(callId) ?? this.#recent.get(callId))?.at(-1);
  }
}
