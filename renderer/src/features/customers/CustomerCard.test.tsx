import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CustomerView } from '../../../../shared/history';
import { initI18n } from '../../i18n';
import { CustomerCard } from './CustomerCard';

const known: CustomerView = {
  key: 'tel:+31201234567',
  name: 'Ana <i>Reyes</i>',
  lastCalls: [
    {
      callId: 'c2',
      direction: 'inbound',
      endedAt: 1_700_000_000_000,
      answered: true,
      disposition: 'callback-scheduled',
      notes: 'Refund <script>x()</script> next week',
      escalated: true,
    },
    { callId: 'c1', direction: 'outbound', endedAt: 1_699_000_000_000, answered: false, notes: '', escalated: false },
  ],
  notes: [{ id: 1, customerKey: 'tel:+31201234567', text: 'Prefers mornings', createdAt: 1_699_500_000_000 }],
  openFollowUps: [
    {
      id: 2,
      customerKey: 'tel:+31201234567',
      text: 'Confirm the refund',
      createdAt: 1_700_000_000_000,
      followUp: { at: 1_700_100_000_000, number: '+31612345678' },
    },
  ],
};

beforeAll(async () => {
  await initI18n('en');
});

describe('CustomerCard (screen pop)', () => {
  it('shows last calls with dispositions and notes, the notes and the callbacks owed, all escaped', () => {
    const html = renderToStaticMarkup(<CustomerCard customer={known} />);
    for (const text of [
      'Customer history',
      'callback-scheduled',
      'escalated',
      'not answered',
      'Prefers mornings',
      'Callbacks owed',
      '+31612345678',
      'Confirm the refund',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<i>');
  });

  it('says when the number has no history yet', () => {
    const html = renderToStaticMarkup(
      <CustomerCard customer={{ key: 'tel:+4512345678', lastCalls: [], notes: [], openFollowUps: [] }} />,
    );
    expect(html).toContain('No earlier calls or notes for this number.');
  });
});
