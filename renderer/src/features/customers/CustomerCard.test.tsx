import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CustomerView } from '../../../../shared/history';
import { initI18n, loadViewWords } from '../../i18n';
import { CustomerCard } from './CustomerCard';
import { noteTextProblem } from './note-text';

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
  await loadViewWords(); // in the app they come with the view's chunk
});

describe('CustomerCard (screen pop)', () => {
  it('shows last calls with dispositions and notes, the notes and the callbacks owed, all escaped', () => {
    const html = renderToStaticMarkup(<CustomerCard customer={known} />);
    for (const text of [
      'Customer history',
      'Callback scheduled',
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

  it('names the customer by the name this number last called with only when the caller now has it (a shared line)', () => {
    const same = renderToStaticMarkup(<CustomerCard customer={{ ...known, name: 'Ana Reyes' }} callerName="ana reyes" />);
    expect(same).toContain(' · Ana Reyes');
    const unnamed = renderToStaticMarkup(<CustomerCard customer={{ ...known, name: 'Ana Reyes' }} />);
    expect(unnamed).toContain(' · Ana Reyes');
    const other = renderToStaticMarkup(<CustomerCard customer={{ ...known, name: 'Ingrid Berg' }} callerName="Sarah Miller" />);
    expect(other).not.toContain(' · Ingrid Berg');
    expect(other).toContain('this number; earlier calls as Ingrid Berg');
  });

  it('says when the number has no history yet', () => {
    const html = renderToStaticMarkup(
      <CustomerCard customer={{ key: 'tel:+4512345678', lastCalls: [], notes: [], openFollowUps: [] }} />,
    );
    expect(html).toContain('No earlier calls or notes for this number.');
  });

  it('offers to add a note and to mark each callback owed as done, only when it can save them', () => {
    const editable = renderToStaticMarkup(
      <CustomerCard customer={known} onAddNote={() => Promise.resolve(undefined)} onCloseFollowUp={() => {}} />,
    );
    expect(editable).toContain('Add a note');
    expect(editable.match(/Mark as done/g)).toHaveLength(1);
    const readOnly = renderToStaticMarkup(<CustomerCard customer={known} />);
    expect(readOnly).not.toContain('Add a note');
    expect(readOnly).not.toContain('Mark as done');
  });

  it('marks a note whose callback was made, and says when a change could not be saved', () => {
    const closed: CustomerView = {
      ...known,
      notes: [
        {
          id: 2,
          customerKey: known.key,
          text: 'Confirm the refund',
          createdAt: 1_700_000_000_000,
          followUp: { at: 1_700_100_000_000, closedAt: 1_700_050_000_000 },
        },
      ],
      openFollowUps: [],
    };
    const html = renderToStaticMarkup(<CustomerCard customer={closed} error="disk <full>" onCloseFollowUp={() => {}} />);
    expect(html).toContain('callback made');
    expect(html).toContain('Could not save: disk &lt;full&gt;');
    expect(html).not.toContain('Mark as done');
  });
});

describe('a customer note before it is sent', () => {
  it('is refused empty, too long or with control characters, by the schema the host uses', () => {
    expect(noteTextProblem('Prefers mornings')).toBeUndefined();
    expect(noteTextProblem('Two lines\r\nare fine')).toBeUndefined();
    expect(noteTextProblem('   ')).toBe('empty');
    expect(noteTextProblem('x'.repeat(2001))).toBe('tooLong');
    expect(noteTextProblem('bell\u0007')).toBe('controlChars');
    expect(noteTextProblem('right-to-left \u202e override')).toBe('controlChars');
  });
});
