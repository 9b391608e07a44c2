import { beforeAll, describe, expect, it } from 'vitest';
import { escalationContextSchema } from '../../../../shared/escalation';
import { dana } from '../../../../shared/escalation/escalation.fixtures';
import { WRAP_UP_LIMITS, wrapUpDraftSchema } from '../../../../shared/history/wrap-up';
import { initI18n, loadViewWords, setLanguage, type TFunction, t as translate } from '../../i18n';
import { notesFromEscalation, receivedRole, startingNotes } from './prefill';

const context = escalationContextSchema.parse(dana);

beforeAll(async () => {
  await initI18n('en');
  await loadViewWords(); // in the app they come with the view's chunk
});

describe('wrap-up notes started from the escalation', () => {
  it('the agent who escalated records where the call went, why, and what was known', () => {
    const notes = notesFromEscalation(context, 'sent', translate);
    expect(notes.split('\n')).toEqual([
      'Escalated to Senior queue: Customer does not accept the solution.',
      'Reference: ACC-778812',
      'Summary: Charged twice for March; refuses a credit note, wants a refund',
      'Already tried: Checked both charges in the ledger.',
      'Offered a credit note on the next bill.',
      'Promised: Someone with refund authority will decide today.',
      '',
    ]);
  });

  it('says what became of it: a failed, declined or cancelled escalation is not "Escalated to Senior queue"', () => {
    const first = (outcome: Parameters<typeof notesFromEscalation>[3]) =>
      notesFromEscalation(context, 'sent', translate, outcome).split('\n')[0];
    const why = 'Escalation (Customer does not accept the solution):';
    expect(first({ kind: 'transferred' })).toBe(`${why} Transferred to Senior queue.`);
    expect(first({ kind: 'three-way' })).toBe(`${why} Three-way call with Senior queue.`);
    expect(first({ kind: 'blind' })).toBe(`${why} Blind transfer to Senior queue.`);
    expect(first({ kind: 'cancelled' })).toBe(`${why} Consult with Senior queue cancelled.`);
    expect(first({ kind: 'declined', reason: 'needs-supervisor', sipStatus: 603 })).toBe(
      `${why} Declined by Senior queue: This needs a supervisor.`,
    );
    expect(first({ kind: 'declined' })).toBe(`${why} Declined by Senior queue.`);
    expect(first({ kind: 'failed', reason: 'no-agents', sipStatus: 480 })).toBe(
      `${why} Escalation to Senior queue failed: nobody in the queue is free (SIP 480).`,
    );
    for (const kind of ['cancelled', 'declined'] as const) expect(first({ kind })).not.toMatch(/^Escalated to/);
    expect(first({ kind: 'failed', reason: 'busy' })).not.toMatch(/^Escalated to/);
  });

  it('the colleague who took it over records who from, and the note meant for them', () => {
    const notes = notesFromEscalation(context, 'received', translate);
    expect(notes).toMatch(/^Taken over from Ana Reyes: Customer does not accept the solution\.\n/);
    expect(notes).toContain('Note from colleague: Second call about this; was cut off last time.');
  });

  // Walk fault 4: the senior who answered a consult the agent then cancelled read "Taken over from …".
  it('a colleague who was only consulted (cancelled, or a three-way the agent ended) records a consult, not a takeover', () => {
    const notes = notesFromEscalation(context, 'consulted', translate);
    expect(notes).toMatch(/^Consulted by Ana Reyes: Customer does not accept the solution\.\n/);
    expect(notes).not.toMatch(/Taken over/);
    expect(notes).toContain('Note from colleague: Second call about this; was cut off last time.');
  });

  it('only the call that took the customer over is "taken over"', () => {
    // The consult call itself, which ended without the customer (a cancel, a three-way ended).
    expect(receivedRole({ colleagueConsult: true })).toBe('consulted');
    // The customer's INVITE that replaced the consult call (a completed warm transfer).
    expect(receivedRole({ replaces: 'call-consult' })).toBe('received');
    expect(receivedRole({ colleagueConsult: true, replaces: 'call-consult' })).toBe('received');
    // The customer's own call with the context of a blind transfer.
    expect(receivedRole({})).toBe('received');
  });

  it('is written in the agent’s language', async () => {
    await setLanguage('nl');
    try {
      expect(notesFromEscalation(context, 'sent', translate)).toMatch(/^Geëscaleerd naar Seniorwachtrij: /);
    } finally {
      await setLanguage('en');
    }
  });

  it('never exceeds what the notes field holds, and copies text as text', () => {
    const long = { ...context, summary: '<b>x</b>'.repeat(20), tried: 'y'.repeat(800), promised: 'z'.repeat(400) };
    const tripled = ((key: string, o?: { text?: string }) => `${key} ${o?.text ?? ''}`.repeat(3)) as unknown as TFunction;
    const notes = notesFromEscalation(long, 'received', tripled);
    expect(notes.length).toBeLessThanOrEqual(WRAP_UP_LIMITS.notes);
    expect(notesFromEscalation(long, 'sent', translate)).toContain('Summary: <b>x</b>');
  });
});

describe('the notes a wrap-up starts with (issue 17, finding 9)', () => {
  /** What the host does with every draft save: a lone surrogate is refused as `encoding`. */
  const saveRefusal = (notes: string) =>
    wrapUpDraftSchema.safeParse({ callId: 'c1', notes, deadline: null }).error?.issues.map((i) => i.message);

  it('a prefill cut at 4000 characters inside an emoji keeps it whole or drops it, so every draft save is accepted', () => {
    const fromEscalation = notesFromEscalation({ ...context, summary: 'Wants a refund 😡 today' }, 'sent', translate);
    const emoji = fromEscalation.indexOf('😡');
    // Call notes typed during the call, as long as needed to put the emoji's first half at character 4000.
    const during = 'n'.repeat(WRAP_UP_LIMITS.notes - 1 - '\n\n'.length - emoji);
    const whole = `${during}\n\n${fromEscalation}`;
    expect(whole.charCodeAt(WRAP_UP_LIMITS.notes - 1)).toBe(0xd83d); // the emoji's high surrogate is the 4000th unit
    // What the form did before: .slice(0, 4000) kept half the emoji, and the host refused every save.
    expect(saveRefusal(whole.slice(0, WRAP_UP_LIMITS.notes))).toEqual(['encoding']);

    const notes = startingNotes(during, fromEscalation) ?? '';
    expect(notes).toBe(whole.slice(0, WRAP_UP_LIMITS.notes - 1));
    expect(saveRefusal(notes)).toBeUndefined();
    // Call notes alone ending in an emoji, 4000 characters with the line break: kept whole.
    const typed = `${'m'.repeat(WRAP_UP_LIMITS.notes - 3)}😡`;
    expect(startingNotes(typed, undefined)).toBe(`${typed}\n`);
    expect(saveRefusal(`${typed}\n`)).toBeUndefined();
  });

  it('starts from the escalation alone when nothing was typed during the call', () => {
    expect(startingNotes('  ', 'Escalated')).toBeUndefined();
    expect(startingNotes('Customer angry', undefined)).toBe('Customer angry\n');
    expect(startingNotes('Customer angry', 'Escalated\n')).toBe('Customer angry\n\nEscalated\n');
  });
});
