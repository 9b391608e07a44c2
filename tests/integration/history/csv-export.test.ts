import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../../support/csv';
import { callRecord, escalationRecord, historyHost, MINUTE, T, type HistoryHost } from './history-host';

let host: HistoryHost;
beforeEach(() => (host = historyHost()));
afterEach(() => host.close());

describe('exporting the history as CSV', () => {
  it('opens as the same text in a spreadsheet: quotes, commas, line breaks, emoji, and no formulas', async () => {
    const tricky = callRecord({ remoteName: '=HYPERLINK("http://evil","click")', endedAt: T });
    const plain = callRecord({ remoteName: 'Ana, "the boss" 😀', queue: '@support', endedAt: T - 60_000 });
    await host.ok('recordCall', tricky);
    await host.ok('recordCall', plain);
    await host.ok('finishWrapUp', {
      callId: plain.callId,
      disposition: '-refund',
      notes: 'Line one, with comma\nLine "two"\n+1 for the agent 👍',
      finishedAt: T,
    });
    const csv = await host.ok<string>('exportHistoryCsv', {});
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, first, second, ...rest] = parseCsv(csv.slice(1));
    expect(rest).toEqual([]);
    const col = (name: string) => header!.indexOf(name);
    expect(header).toContain('Notes');
    expect(first![col('Name')]).toBe(`'=HYPERLINK("http://evil","click")`);
    expect(first![col('Number')]).toBe(`'+31205550123`);
    expect(second![col('Name')]).toBe('Ana, "the boss" 😀');
    expect(second![col('Queue')]).toBe(`'@support`);
    expect(second![col('Disposition')]).toBe(`'-refund`);
    expect(second![col('Notes')]).toBe('Line one, with comma\nLine "two"\n+1 for the agent 👍');
    expect(second![col('Talk (s)')]).toBe('300');
    expect(second![col('ACW (s)')]).toBe('60');
    expect(second![col('Ended (UTC)')]).toBe('2024-05-06 08:59:00');
    for (const row of [first!, second!]) {
      expect(row).toHaveLength(header!.length);
      for (const cell of row) expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
    }
  });

  it('exports what the filter selects, and only a header when nothing matches', async () => {
    await host.ok('recordCall', callRecord({ direction: 'outbound', remoteName: 'Out' }));
    await host.ok('recordCall', callRecord({ remoteName: 'In' }));
    const rows = parseCsv((await host.ok<string>('exportHistoryCsv', { direction: 'outbound' })).slice(1));
    expect(rows.map((r) => r[3])).toEqual(['Name', 'Out']);
    expect(parseCsv((await host.ok<string>('exportHistoryCsv', { query: 'nobody' })).slice(1))).toHaveLength(1);
  });

  it('spells out the escalation (target, reason, outcome and why) and the callback (time, number) in their own columns', async () => {
    const declined = callRecord({ remoteName: 'Declined', endedAt: T });
    const blind = callRecord({ remoteName: 'Blind', endedAt: T - MINUTE });
    const plain = callRecord({ remoteName: 'Plain', endedAt: T - 2 * MINUTE });
    for (const call of [declined, blind, plain]) await host.ok('recordCall', call);
    await host.ok(
      'recordEscalation',
      escalationRecord(declined.callId, {
        target: { kind: 'agent', agentId: '2001', displayName: 'Sam Senior' },
        reason: 'lacks-expertise',
        outcome: { kind: 'declined', reason: 'not-my-expertise', sipStatus: 603 },
      }),
    );
    await host.ok('recordEscalation', escalationRecord(blind.callId, { outcome: { kind: 'blind' } }));
    await host.ok('finishWrapUp', {
      callId: declined.callId,
      disposition: 'callback',
      notes: 'Call back with the answer',
      followUp: { at: T + 60 * MINUTE, number: '+31 20 555 0199' },
      finishedAt: T,
    });
    await host.ok('finishWrapUp', {
      callId: blind.callId,
      disposition: '',
      notes: '',
      followUp: { at: T + 2 * 60 * MINUTE },
      finishedAt: T,
    });
    const [header, ...rows] = parseCsv((await host.ok<string>('exportHistoryCsv', {})).slice(1));
    const col = (name: string) => header!.indexOf(name);
    const row = (name: string) => rows.find((r) => r[col('Name')] === name)!;
    expect(header).not.toContain('Escalation ID');
    expect(row('Declined')[col('Escalation')]).toBe('sent');
    expect(row('Declined')[col('Escalation target')]).toBe('Sam Senior (2001)');
    expect(row('Declined')[col('Escalation reason')]).toBe('lacks-expertise');
    expect(row('Declined')[col('Escalation outcome')]).toBe('declined');
    expect(row('Declined')[col('Outcome reason')]).toBe('not-my-expertise (SIP 603)');
    expect(row('Declined')[col('Callback (UTC)')]).toBe('2024-05-06 10:00:00');
    // The formula guard holds here too: a number starting with + is not a formula.
    expect(row('Declined')[col('Callback number')]).toBe(`'+31 20 555 0199`);
    expect(row('Blind')[col('Escalation target')]).toBe('senior queue');
    expect(row('Blind')[col('Escalation outcome')]).toBe('blind');
    expect(row('Blind')[col('Outcome reason')]).toBe('');
    // No number of its own: the callback goes to the number the customer called from.
    expect(row('Blind')[col('Callback number')]).toBe(`'+31205550123`);
    expect(row('Plain')![col('Escalation outcome')]).toBe('');
    expect(row('Plain')![col('Callback (UTC)')]).toBe('');
    for (const r of rows) expect(r).toHaveLength(header!.length);
  });
});
