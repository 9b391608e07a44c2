import { describe, expect, it } from 'vitest';
import { buildDialogInfo, lampOf, parseDialogInfo } from './dialog-info';

describe('the dialog event package (RFC 4235)', () => {
  it('reads the RFC 4235 §4.1 example: Alice in one confirmed call', () => {
    const rfc = `<?xml version="1.0"?>
      <dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="0" state="full" entity="sip:alice@example.com">
        <dialog id="as7d900as8" call-id="a84b4c76e66710" local-tag="1928301774" direction="initiator">
          <state>confirmed</state>
          <duration>274</duration>
          <local><identity display="Alice">sip:alice@example.com</identity></local>
          <remote><identity display="Bob">sip:bob@example.org</identity><target uri="sip:bobster@phone21.example.org"/></remote>
        </dialog>
      </dialog-info>`;
    const r = parseDialogInfo(rfc);
    expect(r).toEqual({
      ok: true,
      value: {
        entity: 'sip:alice@example.com',
        version: 0,
        full: true,
        dialogs: [
          { id: 'as7d900as8', state: 'confirmed', direction: 'initiator', remote: 'sip:bob@example.org', durationSeconds: 274 },
        ],
      },
    });
    expect(lampOf(r.ok ? r.value.dialogs : [])).toBe('on-call');
  });

  it('writes what it reads', () => {
    const info = {
      entity: 'sip:2001@warmline.lab',
      version: 3,
      dialogs: [{ id: 'd1', state: 'early' as const, direction: 'recipient' as const, remote: 'sip:9001@warmline.lab' }],
    };
    expect(parseDialogInfo(buildDialogInfo(info))).toEqual({ ok: true, value: { ...info, full: true } });
    expect(lampOf(info.dialogs)).toBe('ringing');
    expect(lampOf([])).toBe('idle');
  });

  it('skips dialogs in unknown states and refuses documents without version or state', () => {
    const doc = (attrs: string, body = '') =>
      `<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" ${attrs}>${body}</dialog-info>`;
    expect(parseDialogInfo(doc('state="full"')).ok).toBe(false);
    expect(parseDialogInfo(doc('version="1" state="other"')).ok).toBe(false);
    const r = parseDialogInfo(
      doc('version="1" state="partial" entity="sip:a@b"', '<dialog id="x"><state>exploded</state></dialog>'),
    );
    expect(r).toEqual({ ok: true, value: { entity: 'sip:a@b', version: 1, full: false, dialogs: [] } });
  });
});
