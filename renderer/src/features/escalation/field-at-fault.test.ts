import { describe, expect, it } from 'vitest';
import { encodeEscalationContext } from '../../../../shared/escalation';
import { dana, TEAM_KEY } from '../../../../shared/escalation/escalation.fixtures';
import { fieldAtFault } from './field-at-fault';

const binding = { binding: { kind: 'consult', sipCallId: 'wl-test' } } as const;

describe('the escalation field at fault', () => {
  it('names the field the codec refused for markup, as the codec reports it', async () => {
    for (const [input, field] of [
      [{ ...dana, tried: 'Pasted <b>bold</b> from the wiki' }, 'tried'],
      [{ ...dana, note: 'see javascript:alert(1)' }, 'note'],
      [{ ...dana, summary: 'Refund <script>' }, 'summary'],
      [{ ...dana, promised: 'a <i>call</i> today' }, 'promised'],
      [{ ...dana, customer: { ...dana.customer, reference: '<x>' } }, 'reference'],
    ] as const) {
      const encoded = await encodeEscalationContext(input, TEAM_KEY, binding);
      expect(encoded.ok).toBe(false);
      if (encoded.ok || encoded.error.code !== 'invalid-context') continue;
      expect(fieldAtFault(encoded.error.issues)).toBe(field);
    }
  });

  it('names none when the fault is in what the call supplied', () => {
    expect(fieldAtFault([{ path: 'customer.name' }, { path: 'binding' }])).toBeUndefined();
    expect(fieldAtFault([])).toBeUndefined();
  });
});
