import type { EscalationDraft } from './escalation-draft';

/** Drafts of the most recent calls only: a desk handles one or two calls at a time. */
const MAX_CALLS = 8;

/**
 * What the agent wrote in the escalation panel, per call, for as long as the app runs: after a
 * cancelled or failed consult, Escalate reopens with the reason, severity, summary and notes as
 * they were, so nothing is typed twice while the customer waits.
 */
export class DraftMemory {
  readonly #drafts = new Map<string, EscalationDraft>();

  recall(callId: string): EscalationDraft | undefined {
    return this.#drafts.get(callId);
  }

  keep(callId: string, draft: EscalationDraft): void {
    this.#drafts.delete(callId);
    this.#drafts.set(callId, draft);
    for (const oldest of this.#drafts.keys()) {
      if (this.#drafts.size <= MAX_CALLS) break;
      this.#drafts.delete(oldest);
    }
  }
}

/** The app's one memory (the escalation panel is opened and closed many times per call). */
export const escalationDrafts = new DraftMemory();
