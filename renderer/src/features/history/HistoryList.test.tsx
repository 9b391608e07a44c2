import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HistoryItem } from '../../../../shared/history';
import { initI18n, loadViewWords } from '../../i18n';
import { HistoryList, NO_FILTER, type HistoryListProps } from './HistoryList';
import { toHistoryFilter } from './HistoryScreen';

const noop = () => {};
const item: HistoryItem = {
  callId: 'c1',
  direction: 'inbound',
  remoteNumber: '+31201234567',
  remoteName: '<b>Ana</b> Reyes',
  queue: 'support',
  startedAt: 1_700_000_000_000,
  answeredAt: 1_700_000_005_000,
  endedAt: 1_700_000_080_000,
  endReason: 'remote-hangup',
  talkMs: 75_000,
  holdMs: 0,
  consultMs: 0,
  disposition: 'resolved',
  notes: 'Refund <script>alert(1)</script> promised',
  escalationId: 'e1',
};
const base: HistoryListProps = {
  filter: NO_FILTER,
  dispositions: ['resolved', 'wrong-number'],
  load: { kind: 'ready', items: [item], more: true },
  exporting: false,
  onFilter: noop,
  onMore: noop,
  onExport: noop,
};
const render = (props: Partial<HistoryListProps> = {}) => renderToStaticMarkup(<HistoryList {...base} {...props} />);

beforeAll(async () => {
  await initI18n('en');
  await loadViewWords(); // in the app they come with the view's chunk
});

describe('HistoryList', () => {
  it('lists calls with direction, talk time, disposition, notes and the escalation mark, escaped', () => {
    const html = render();
    for (const text of ['Inbound', '1:15', 'resolved', 'escalated', '+31201234567', 'Export CSV', 'Older calls']) {
      expect(html).toContain(text);
    }
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>Ana');
    expect(html).toContain('&lt;b&gt;Ana&lt;/b&gt; Reyes');
  });

  it('says what became of each escalation: a declined or failed one never reads as escalated to the queue', () => {
    const esc = (escalation: HistoryItem['escalation']): HistoryItem => ({
      ...item,
      callId: JSON.stringify(escalation),
      escalation,
    });
    const senior = { kind: 'queue', value: 'senior', name: '' } as const;
    const html = render({
      load: {
        kind: 'ready',
        more: false,
        items: [
          esc({ direction: 'sent', target: senior, reason: 'wants-higher-authority', outcome: 'transferred' }),
          esc({ direction: 'sent', target: senior, reason: 'wants-higher-authority', outcome: 'cancelled' }),
          esc({
            direction: 'sent',
            target: { kind: 'agent', value: '2001', name: 'Sam Senior' },
            reason: 'lacks-expertise',
            outcome: 'declined',
            outcomeReason: 'not-my-expertise',
            sipStatus: 603,
          }),
          esc({
            direction: 'sent',
            target: senior,
            reason: 'wants-higher-authority',
            outcome: 'failed',
            outcomeReason: 'busy',
            sipStatus: 486,
          }),
          esc({
            direction: 'sent',
            target: { kind: 'external', value: '+3120555', name: '' },
            reason: 'lacks-expertise',
            outcome: 'blind',
          }),
          esc({ direction: 'received', target: senior, reason: 'wants-higher-authority', outcome: 'transferred' }),
        ],
      },
    });
    for (const text of [
      'Transferred to Senior queue',
      'Consult with Senior queue cancelled',
      'Declined by Sam Senior: This is not my area',
      'Escalation to Senior queue failed: busy (SIP 486)',
      'Blind transfer to +3120555',
      'Handoff from a colleague',
    ])
      expect(html).toContain(text);
  });

  it('offers the filters: search, dates, direction, disposition from settings, escalated', () => {
    const html = render();
    for (const label of ['Search notes, names and numbers', 'From', 'To (included)', 'Direction', 'Disposition', 'Escalated'])
      expect(html).toContain(label);
    expect(html.match(/type="date"/g)).toHaveLength(2);
    expect(html).toContain('<option value="wrong-number">Wrong number</option>');
  });

  it('says what is wrong with the dates instead of listing, and offers no export then', () => {
    const html = render({ filter: { ...NO_FILTER, fromDate: '2024-05-07', toDate: '2024-05-06' }, filterError: 'toBeforeFrom' });
    expect(html).toContain('The end date is before the start date.');
    expect(html).toContain('aria-invalid="true"');
    expect(html).not.toContain('data-testid="history-row"');
    expect(html).toMatch(/<button type="button" disabled="">Export CSV/);
  });

  it('says when nothing matches, and when loading failed', () => {
    expect(render({ load: { kind: 'ready', items: [], more: false } })).toContain('No calls match.');
    expect(render({ load: { kind: 'failed', message: 'disk busy' } })).toContain('Could not load the history: disk busy');
  });
});

describe('history filter', () => {
  it('sends only what the agent set', () => {
    expect(toHistoryFilter(NO_FILTER)).toEqual({ ok: true, filter: {} });
    expect(
      toHistoryFilter({ ...NO_FILTER, direction: 'outbound', disposition: 'resolved', escalated: 'no', query: '  refund ' }),
    ).toEqual({ ok: true, filter: { direction: 'outbound', disposition: 'resolved', escalated: false, query: 'refund' } });
  });

  it('turns the days into local midnights, the last day included', () => {
    const request = toHistoryFilter({ ...NO_FILTER, fromDate: '2024-05-06', toDate: '2024-05-07' });
    expect(request).toEqual({
      ok: true,
      filter: { from: new Date(2024, 4, 6).getTime(), to: new Date(2024, 4, 8).getTime() },
    });
    expect(toHistoryFilter({ ...NO_FILTER, toDate: '2024-05-07' })).toEqual({
      ok: true,
      filter: { to: new Date(2024, 4, 8).getTime() },
    });
  });

  it('refuses a range that ends before it starts, or a day that does not exist', () => {
    expect(toHistoryFilter({ ...NO_FILTER, fromDate: '2024-05-07', toDate: '2024-05-06' })).toEqual({
      ok: false,
      error: 'toBeforeFrom',
    });
    expect(toHistoryFilter({ ...NO_FILTER, fromDate: '2023-02-29' })).toEqual({ ok: false, error: 'invalidFrom' });
  });

  it('offers Delete call in the row’s own Actions column, apart from the Recording column', () => {
    const html = render({
      load: { kind: 'ready', items: [item], more: false },
      recordingPlayer: () => <span data-testid="player" />,
      onDelete: noop,
    });
    expect(html).toContain('<th scope="col">Recording</th><th scope="col">Actions</th>');
    expect(html).toMatch(
      /<td class="history-recording"><\/td><td class="history-call-actions"><button[^>]*>Delete call<\/button><\/td>/,
    );
    // Without the delete action there is no Actions column, and the Recording column stays.
    const readOnly = render({ recordingPlayer: () => null });
    expect(readOnly).toContain('<th scope="col">Recording</th>');
    expect(readOnly).not.toContain('Actions');
    expect(readOnly).not.toContain('Delete call');
  });
});
