import { describe, expect, it } from 'vitest';
import { callRecordSchema, type CallRecordInput } from './call-record';
import { addCustomerNoteSchema, customerKeySchema } from './customer';
import { escalationRecordSchema, type EscalationRecordInput } from './escalation-record';
import { decodeHistoryCursor, listHistorySchema } from './history-query';
import { finishWrapUpSchema, wrapUpDraftSchema } from './wrap-up';

const T = 1_700_000_000_000;
const call: CallRecordInput = {
  callId: 'c-1',
  direction: 'inbound',
  remoteNumber: 'sip:+15551234@pbx',
  startedAt: T,
  answeredAt: T + 1_000,
  endedAt: T + 60_000,
  endReason: 'remote-hangup',
};
const escalation: EscalationRecordInput = {
  id: 'a'.repeat(32),
  callId: 'c-1',
  direction: 'sent',
  target: { kind: 'queue', queue: 'senior' },
  reason: 'wants-higher-authority',
  severity: 2,
  mood: 'angry',
  summary: 'Wants a refund over the limit',
  escalatedAt: T + 20_000,
  holdMs: 30_000,
  consultMs: 25_000,
  outcome: { kind: 'transferred' },
};

describe('call records', () => {
  it('accept a call and fill what may be left out', () => {
    expect(callRecordSchema.parse(call)).toMatchObject({ remoteName: '', queue: '', holds: [], consults: [], transfers: [] });
  });

  it('make a hostile display name safe instead of losing the call', () => {
    expect(callRecordSchema.parse({ ...call, remoteName: 'Eve\u202e\u0007 ' + 'x'.repeat(400) }).remoteName).toHaveLength(128);
  });

  it('refuse time running backwards, unknown fields, huge arrays and oversized numbers', () => {
    expect(callRecordSchema.safeParse({ ...call, endedAt: T - 1 }).success).toBe(false);
    expect(callRecordSchema.safeParse({ ...call, answeredAt: T + 61_000 }).success).toBe(false);
    expect(callRecordSchema.safeParse({ ...call, talkMs: 5 }).success).toBe(false);
    const holds = Array.from({ length: 101 }, () => ({ start: T, end: T + 1 }));
    expect(callRecordSchema.safeParse({ ...call, holds }).success).toBe(false);
    expect(callRecordSchema.safeParse({ ...call, remoteNumber: '1'.repeat(257) }).success).toBe(false);
    expect(callRecordSchema.safeParse({ ...call, callId: 'has space' }).success).toBe(false);
  });

  it('want a failure reason on failed consults only', () => {
    const consult = { target: { kind: 'queue', queue: 'technical' }, dialedAt: T + 2_000, endedAt: T + 5_000 } as const;
    expect(callRecordSchema.safeParse({ ...call, consults: [{ ...consult, outcome: 'failed' }] }).success).toBe(false);
    expect(
      callRecordSchema.safeParse({ ...call, consults: [{ ...consult, outcome: 'cancelled', failureReason: 'busy' }] }).success,
    ).toBe(false);
    expect(
      callRecordSchema.safeParse({
        ...call,
        consults: [{ ...consult, outcome: 'failed', failureReason: 'busy', sipStatus: 486 }],
      }).success,
    ).toBe(true);
  });
});

describe('escalation records', () => {
  it('say whether a received context was verified, and only a received one', () => {
    expect(escalationRecordSchema.safeParse(escalation).success).toBe(true);
    expect(escalationRecordSchema.safeParse({ ...escalation, verified: 'verified' }).success).toBe(false);
    expect(escalationRecordSchema.safeParse({ ...escalation, direction: 'received' }).success).toBe(false);
    expect(escalationRecordSchema.safeParse({ ...escalation, direction: 'received', verified: 'unverified' }).success).toBe(true);
  });

  it('refuse an id that is not ours, a severity of 5 and an oversized summary', () => {
    expect(escalationRecordSchema.safeParse({ ...escalation, id: 'x' }).success).toBe(false);
    expect(escalationRecordSchema.safeParse({ ...escalation, severity: 5 }).success).toBe(false);
    expect(escalationRecordSchema.safeParse({ ...escalation, summary: 's'.repeat(161) }).success).toBe(false);
    expect(escalationRecordSchema.safeParse({ ...escalation, outcome: { kind: 'failed' } }).success).toBe(false);
  });
});

describe('wrap-up', () => {
  it('keeps notes as typed, with line breaks made LF, and refuses control characters', () => {
    const draft = wrapUpDraftSchema.parse({ callId: 'c-1', notes: 'line 1\r\nline 2\ttab 😀', deadline: T });
    expect(draft).toMatchObject({ notes: 'line 1\nline 2\ttab 😀', disposition: '', next: { kind: 'available' } });
    expect(wrapUpDraftSchema.safeParse({ callId: 'c-1', notes: 'bell\u0007', deadline: null }).success).toBe(false);
    expect(wrapUpDraftSchema.safeParse({ callId: 'c-1', notes: 'n'.repeat(4001), deadline: null }).success).toBe(false);
    expect(wrapUpDraftSchema.safeParse({ callId: 'c-1', deadline: undefined }).success).toBe(false);
  });

  it('finishes with a disposition that may be empty, never a break the system chose', () => {
    expect(finishWrapUpSchema.safeParse({ callId: 'c-1', disposition: '', notes: '', finishedAt: T }).success).toBe(true);
    expect(
      wrapUpDraftSchema.safeParse({ callId: 'c-1', deadline: null, next: { kind: 'break', reason: 'missed-call' } }).success,
    ).toBe(false);
  });
});

describe('history list arguments and customers', () => {
  it('caps the page size and the search, and round-trips the cursor', () => {
    expect(listHistorySchema.parse({}).limit).toBe(50);
    expect(listHistorySchema.safeParse({ limit: 201 }).success).toBe(false);
    expect(listHistorySchema.safeParse({ query: 'q'.repeat(201) }).success).toBe(false);
    expect(listHistorySchema.safeParse({ from: T, to: T + 1 }).success).toBe(true);
    expect(listHistorySchema.safeParse({ from: T, to: T }).success).toBe(false);
    expect(listHistorySchema.safeParse({ from: -1 }).success).toBe(false);
    expect(decodeHistoryCursor(String(T * 1024 + 3))).toBe(String(T * 1024 + 3));
    expect(decodeHistoryCursor('9223372036854775807')).toBe('9223372036854775807');
    for (const bad of ['nonsense', '', '-1', '1.5', '9223372036854775808', '1'.repeat(20)]) {
      expect(decodeHistoryCursor(bad)).toBeUndefined();
    }
  });

  it('keys customers by tel: or ref: only, and wants text in a note', () => {
    expect(customerKeySchema.safeParse('tel:+31205550123').success).toBe(true);
    expect(customerKeySchema.safeParse('ref:ACME-42').success).toBe(true);
    expect(customerKeySchema.safeParse('Dana').success).toBe(false);
    expect(addCustomerNoteSchema.safeParse({ customerKey: 'ref:ACME-42', text: '   ' }).success).toBe(false);
  });
});
