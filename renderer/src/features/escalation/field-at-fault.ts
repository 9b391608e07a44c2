/** The fields of the escalation panel the agent writes, by the key of their label (escalation.<key>). */
export type EscalationTextField = 'summary' | 'tried' | 'promised' | 'note' | 'reference';

/** Where each of them sits in the context the codec validates. */
const FIELD_AT: Readonly<Record<string, EscalationTextField>> = {
  summary: 'summary',
  tried: 'tried',
  promised: 'promised',
  note: 'note',
  'customer.reference': 'reference',
};

/**
 * The first field the agent wrote that the codec refused (markup, control characters), so the
 * refusal names it (walk fault 3); undefined when the fault is in what the call supplied.
 */
export function fieldAtFault(issues: readonly { readonly path: string }[]): EscalationTextField | undefined {
  for (const issue of issues) {
    const field = FIELD_AT[issue.path];
    if (field) return field;
  }
  return undefined;
}
