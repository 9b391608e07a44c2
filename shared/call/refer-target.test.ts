import { describe, expect, it } from 'vitest';
import { MAX_REFER_TARGET, referTargetOf } from './refer-target';

describe('the Refer-To of a completed warm transfer', () => {
  it('names the member who answered a queue consult, not the queue', () => {
    expect(
      referTargetOf({ remoteIdentity: 'sip:senior@warmline.lab', remoteTarget: 'sip:k3j9a2@df7jal23ls0d.invalid;transport=ws' }),
    ).toBe('sip:k3j9a2@df7jal23ls0d.invalid;transport=ws');
  });

  it('keeps the proxy parameters of the Contact (Kamailio aliases a WebSocket contact)', () => {
    const contact = 'sip:k3j9a2@df7jal23ls0d.invalid;transport=ws;alias=127.0.0.1~43122~5';
    expect(referTargetOf({ remoteIdentity: 'sip:seniors@warmline.test', remoteTarget: contact })).toBe(contact);
  });

  it('is the same rule for a colleague and an outside number', () => {
    expect(referTargetOf({ remoteIdentity: 'sip:2001@warmline.lab', remoteTarget: 'sip:abc@x.invalid;transport=ws' })).toBe(
      'sip:abc@x.invalid;transport=ws',
    );
    expect(referTargetOf({ remoteIdentity: 'sip:+31201234567@pbx.example', remoteTarget: 'sip:gw@10.0.0.7:5060' })).toBe(
      'sip:gw@10.0.0.7:5060',
    );
    expect(referTargetOf({ remoteIdentity: 'sip:x@y', remoteTarget: 'SIPS:gw@example.com' })).toBe('SIPS:gw@example.com');
  });

  it('falls back to the dialled address when the dialog has no usable remote target', () => {
    const dialled = 'sip:2001@warmline.lab';
    for (const remoteTarget of [
      undefined,
      '',
      'tel:+31201234567',
      'sip:a@b?Replaces=evil', // URI headers would smuggle a second Replaces
      'sip:a@b> ;x', // would close the <…> of the Refer-To
      'sip:a@b\r\nX-Injected: 1',
      `sip:${'a'.repeat(MAX_REFER_TARGET)}@b`,
    ]) {
      expect(referTargetOf({ remoteIdentity: dialled, ...(remoteTarget === undefined ? {} : { remoteTarget }) })).toBe(dialled);
    }
  });
});
