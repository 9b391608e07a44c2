import type { EscalationContext } from '../../../shared/escalation';

/**
 * The contexts this agent sent, by customer call, until the call is recorded in history: the
 * call model knows the consult legs, only the sender knows what was said with each.
 */
export class EscalationLog {
  readonly #sent = new Map<string, EscalationContext[]>();

  sent(callId: string, context: EscalationContext): void {
    this.#sent.set(callId, [...(this.#sent.get(callId) ?? []), context]);
  }

  /** Hands over (and forgets) what was sent on a call. */
  take(callId: string): readonly EscalationContext[] {
    const contexts = this.#sent.get(callId) ?? [];
    this.#sent.delete(callId);
    return contexts;
  }
}
