import { afterEach, describe, expect, it, vi } from 'vitest';
import { createResponse } from '../sip/build';
import type { SipMessage, SipRequest } from '../sip/types';
import type { Connection } from '../transport';
import { TransactionLayer } from './transactions';

function connection(id: number): Connection & { readonly sent: SipMessage[] } {
  const sent: SipMessage[] = [];
  return {
    id,
    remote: '127.0.0.1',
    remotePort: 40_000 + id,
    sent,
    send: (msg) => sent.push(msg),
    sendRaw: () => undefined,
    isOpen: () => true,
    markAuthenticated: () => undefined,
  };
}

function invite(): SipRequest {
  return {
    kind: 'request',
    method: 'INVITE',
    uri: 'sip:1001@127.0.0.1;transport=ws',
    body: Buffer.alloc(0),
    headers: [
      { name: 'Via', value: 'SIP/2.0/WS customer.invalid;branch=z9hG4bKcustomer' },
      { name: 'Max-Forwards', value: '69' },
      { name: 'From', value: '<sip:9001@warmline.lab>;tag=c1' },
      { name: 'To', value: '<sip:support@warmline.lab>' },
      { name: 'Call-ID', value: 'queued-call' },
      { name: 'CSeq', value: '2 INVITE' },
    ],
  };
}

const requests = (conn: { readonly sent: SipMessage[] }) => conn.sent.flatMap((m) => (m.kind === 'request' ? [m.method] : []));

afterEach(() => {
  vi.useRealTimers();
});

describe('the lab forwarding an INVITE to a phone (RFC 3261 §17.1.1)', () => {
  it('ACKs a final answer that comes after it gave up on the branch, so the phone does not refuse the next offer as a merged request (482)', () => {
    vi.useFakeTimers();
    const txns = new TransactionLayer('lab.invalid', () => undefined);
    const phone = connection(1);
    const answers: number[] = [];
    const ct = txns.send(invite(), phone, 180_000, (resp) => answers.push(resp.status));
    const forwarded = phone.sent[0] as SipRequest;
    txns.handleResponse(createResponse(forwarded, 180, { toTag: 'p1' }), 1);
    // Ring timeout: CANCEL, and the phone (busy, at load) has not answered it 2 s later.
    txns.cancel(ct);
    vi.advanceTimersByTime(2_000);
    txns.abandon(ct, 408);
    expect(answers).toEqual([180, 408]);
    expect(requests(phone)).toEqual(['INVITE', 'CANCEL']);
    // Then the phone answers the CANCEL and ends its INVITE transaction with 487, 1.6 s late.
    vi.advanceTimersByTime(1_600);
    txns.handleResponse(createResponse(forwarded, 487, { toTag: 'p1' }), 1);
    expect(requests(phone)).toEqual(['INVITE', 'CANCEL', 'ACK']);
    const ack = phone.sent[2] as SipRequest;
    expect(ack.headers.find((h) => h.name === 'CSeq')?.value).toBe('2 ACK');
    expect(ack.headers.find((h) => h.name === 'To')?.value).toBe('<sip:support@warmline.lab>;tag=p1');
    expect(answers).toEqual([180, 408]);
  });

  it('ACKs a late final up to Timer H (32 s) after giving up, and never a 2xx (end to end) or another connection', () => {
    vi.useFakeTimers();
    const txns = new TransactionLayer('lab.invalid', () => undefined);
    const phone = connection(1);
    const ct = txns.send(invite(), phone, 180_000, () => undefined);
    const forwarded = phone.sent[0] as SipRequest;
    txns.abandon(ct, 408);
    txns.handleResponse(createResponse(forwarded, 487, { toTag: 'p1' }), 2);
    txns.handleResponse(createResponse(forwarded, 200, { toTag: 'p1' }), 1);
    expect(requests(phone)).toEqual(['INVITE', 'CANCEL']);
    vi.advanceTimersByTime(31_000);
    txns.handleResponse(createResponse(forwarded, 487, { toTag: 'p1' }), 1);
    expect(requests(phone)).toEqual(['INVITE', 'CANCEL', 'ACK']);
  });
});
