import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDayText } from '../../shared/history';
import { snap } from '../support/screenshots';
import { SIP_SERVERS, type SipTestServer } from '../support/sip-servers';
import { answeredCall, signInAgent } from './desk-actions';
import { useDeskBench } from './desk-bench';
import { eventually } from './phone-engine.harness';

/**
 * The history screen end to end: a real call against Kamailio and the lab server, wrapped up with
 * notes, counted in the agent's own figures, then found again through the filters (dates too) and
 * the full-text search, exported as CSV, and deleted by the agent (a confirmation that says what
 * goes and can be cancelled; gone from the list and from the SQLite file).
 */
let server: SipTestServer;
const bench = useDeskBench();

const NOTES = 'Parcel lost in transit; refund of 240 € promised — Ærø depot';

/** The calls in the app's SQLite file, read through a connection of its own. */
function storedCallIds(): string[] {
  const db = new Database(bench.app.services.db.name, { readonly: true });
  try {
    return db
      .prepare<[], { id: string }>('SELECT id FROM calls ORDER BY id')
      .all()
      .map((row) => row.id);
  } finally {
    db.close();
  }
}

describe.each(SIP_SERVERS)('history against %s', (_name, start) => {
  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('a wrapped-up call counts in My figures, is found by its notes, dates and filters, and is exported as CSV with a BOM', async () => {
    const { page, user } = await signInAgent(bench, server);
    const far = await answeredCall(bench, server, page, user);
    await far.hangup();
    const form = page.getByRole('form', { name: 'After-call work' });
    await form.getByLabel('Notes').fill(NOTES);
    await form.getByLabel('Disposition').selectOption('resolved');
    await form.getByRole('button', { name: 'Ready' }).click();
    await eventually(
      () => page.getByTestId('agent-state').textContent(),
      (t) => t === 'Status: Available',
      'available',
    );

    await page.getByRole('button', { name: 'History', exact: true }).click();
    // My figures: the call just wrapped up is today's and this week's one handled call.
    const figures = page.getByRole('region', { name: 'My figures' });
    const cells = (measure: string) => figures.getByTestId(`figure-${measure}`).locator('td').allTextContents();
    await eventually(
      () => cells('handled'),
      (c) => c.join('|') === '1|1',
      'one call handled today and this week',
    );
    const [handleToday] = await cells('avgHandle');
    const [acwToday] = await cells('avgAcw');
    expect(handleToday).toMatch(/^(\d+ min )?\d+ sec$/);
    expect(acwToday).toMatch(/^(\d+ min )?\d+ sec$/);
    expect(await cells('escalationRate')).toEqual(['0%', '0%']);
    expect(await cells('transferRate')).toEqual(['0%', '0%']);

    const rows = page.getByTestId('history-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(NOTES);
    expect(await rows.first().textContent()).toContain('Resolved');

    const search = page.getByLabel('Search notes, names and numbers');
    await search.fill('parcel refund');
    await page.getByText('No calls match.').waitFor({ state: 'detached' });
    await rows.first().waitFor();
    await search.fill('nothing-like-this');
    await page.getByText('No calls match.').waitFor();
    await search.fill('');
    await rows.first().waitFor();
    await page.getByLabel('Disposition').selectOption('wrong-number');
    await page.getByText('No calls match.').waitFor();
    await page.getByLabel('Disposition').selectOption('resolved');
    await page.getByLabel('Direction').selectOption('inbound');
    await rows.first().waitFor();
    await snap(page, 'history');

    // A call from eight days ago, as an earlier shift left it in the same data file.
    const earlier = Date.now() - 8 * 86_400_000;
    const recorded = await bench.app.services.dispatch('recordCall', [
      {
        callId: 'earlier-shift-call',
        direction: 'inbound',
        remoteNumber: 'sip:+31201234567@pbx.example',
        remoteName: 'Earlier Caller',
        queue: 'support',
        startedAt: earlier - 120_000,
        answeredAt: earlier - 100_000,
        endedAt: earlier,
        endReason: 'remote-hangup',
      },
    ]);
    expect(recorded.ok).toBe(true);
    await page.getByLabel('Disposition').selectOption('');
    await page.getByLabel('Direction').selectOption('');
    await eventually(
      () => rows.count(),
      (n) => n === 2,
      'both calls listed',
    );
    // Local days, both included: today finds today's call only, the earlier day only the earlier call.
    const today = localDayText(Date.now());
    const earlierDay = localDayText(earlier);
    await page.getByLabel('From').fill(today);
    await page.getByLabel('To (included)').fill(today);
    await eventually(
      async () => (await rows.count()) === 1 && ((await rows.first().textContent()) ?? ''),
      (text) => typeof text === 'string' && text.includes(NOTES),
      "only today's call",
    );
    await page.getByLabel('From').fill(earlierDay);
    await page.getByLabel('To (included)').fill(earlierDay);
    await eventually(
      async () => (await rows.count()) === 1 && ((await rows.first().textContent()) ?? ''),
      (text) => typeof text === 'string' && text.includes('Earlier Caller'),
      'only the earlier call',
    );
    await page.getByLabel('From').fill(today);
    await page.getByRole('alert').filter({ hasText: 'The end date is before the start date.' }).waitFor();
    expect(await rows.count()).toBe(0);
    await page.getByLabel('To (included)').fill('');
    await eventually(
      async () => (await rows.count()) === 1 && ((await rows.first().textContent()) ?? ''),
      (text) => typeof text === 'string' && text.includes(NOTES),
      'from today on',
    );

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^warmline-history-\d{4}-\d\d-\d\d\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(NOTES);

    // The agent deletes today's call: the row's own Delete call, not the Recording column's; the
    // confirmation says what goes, and Keep keeps it.
    await page.getByLabel('From').fill('');
    await eventually(
      () => rows.count(),
      (n) => n === 2,
      'both calls listed again',
    );
    const todays = rows.filter({ hasText: NOTES });
    const confirmText =
      'Delete this call from the history, with its notes? Notes about the customer stay. This cannot be undone.';
    await todays.getByRole('button', { name: 'Delete call', exact: true }).click();
    const confirm = todays.getByRole('group', { name: confirmText });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(confirmText);
    await snap(page, 'history-delete-confirm');
    await confirm.getByRole('button', { name: 'Keep', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(2);
    expect(storedCallIds()).toHaveLength(2);

    await todays.getByRole('button', { name: 'Delete call', exact: true }).click();
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await eventually(
      () => rows.count(),
      (n) => n === 1,
      'the deleted call leaves the list',
    );
    expect(await rows.first().textContent()).toContain('Earlier Caller');
    // Gone for good: from the SQLite file, and from the list after a reload.
    expect(storedCallIds()).toEqual(['earlier-shift-call']);
    await page.reload();
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Earlier Caller');
    await page.getByLabel('Search notes, names and numbers').fill('parcel refund');
    await page.getByText('No calls match.').waitFor();
  });
});
