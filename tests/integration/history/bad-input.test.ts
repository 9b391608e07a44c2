import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callRecord, escalationRecord, historyHost, T, type HistoryHost } from './history-host';

let host: HistoryHost;
beforeEach(() => (host = historyHost()));
afterEach(() => host.close());

const TABLES = ['calls', 'call_holds', 'consults', 'transfers', 'escalations', 'wrap_up_drafts', 'customers', 'customer_notes'];
const counts = () => Object.fromEntries(TABLES.map((t) => [t, host.count(t)]));

const huge = 'x'.repeat(50_000);
const manyHolds = Array.from({ length: 10_000 }, () => ({ start: T - 1_000, end: T - 500 }));

/** [method, args] pairs the dispatcher must refuse before any service sees them. */
const BAD: readonly (readonly [string, unknown[]])[] = [
  ['recordCall', []],
  ['recordCall', ['not an object']],
  ['recordCall', [{ ...callRecord(), startedAt: 'yesterday' }]],
  ['recordCall', [{ ...callRecord(), remoteNumber: huge }]],
  ['recordCall', [{ ...callRecord(), remoteName: huge }]],
  ['recordCall', [{ ...callRecord(), callId: huge }]],
  ['recordCall', [{ ...callRecord(), holds: manyHolds }]],
  ['recordCall', [{ ...callRecord(), direction: 'sideways' }]],
  ['recordCall', [{ ...callRecord(), acwMs: 5 }]],
  ['recordCall', [callRecord(), 'extra argument']],
  ['recordEscalation', [{ ...escalationRecord('c'), summary: huge }]],
  ['recordEscalation', [{ ...escalationRecord('c'), tried: 1 }]],
  ['recordEscalation', [{ ...escalationRecord('c'), severity: 0 }]],
  ['saveWrapUpDraft', [{ callId: 'c', notes: huge, deadline: null }]],
  ['saveWrapUpDraft', [{ callId: 'c', notes: 'ok', deadline: 'soon' }]],
  ['saveWrapUpDraft', [{ callId: 'c', disposition: ['a'], deadline: null }]],
  ['finishWrapUp', [{ callId: 'c', disposition: huge, notes: '', finishedAt: T }]],
  ['finishWrapUp', [{ callId: 'c', disposition: 'x', notes: '', finishedAt: -1 }]],
  ['listHistory', [{ limit: 10_000 }]],
  ['listHistory', [{ query: huge }]],
  ['listHistory', [{ direction: 'up' }]],
  ['exportHistoryCsv', [{ query: huge }]],
  ['exportHistoryCsv', [{ limit: 5 }]],
  ['getCustomer', ['Robert; DROP TABLE calls']],
  ['getCustomer', [`tel:${'1'.repeat(500)}`]],
  ['addCustomerNote', [{ customerKey: 'tel:+15550000', text: huge }]],
  ['addCustomerNote', [{ customerKey: 'tel:+15550000', text: 'x', followUp: { at: 'later' } }]],
  ['closeFollowUp', [{ noteId: 1.5, closedAt: T }]],
  ['agentStats', [{ from: 'monday', to: T }]],
];

describe('bad input is refused by the dispatcher, with nothing written', () => {
  it.each(BAD.map(([method, args], i) => [i, method, args] as const))('#%i %s', async (_i, method, args) => {
    const before = counts();
    const result = await host.call(method, ...args);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(counts()).toEqual(before);
  });

  it('a good call next to the bad ones still goes through', async () => {
    expect((await host.call('recordCall', callRecord())).ok).toBe(true);
    expect(host.count('calls')).toBe(1);
  });
});
