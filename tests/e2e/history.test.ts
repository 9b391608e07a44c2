import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snap } from '../support/screenshots';
import { SIP_SERVERS, type SipTestServer } from '../support/sip-servers';
import { useDeskBench } from './desk-bench';
import { eventually, newUser } from './phone-engine.harness';

/**
 * The history screen end to end: a real call against Kamailio and the lab server, wrapped up with
 * notes, then found again through the filters and the full-text search, and exported as CSV.
 */
let server: SipTestServer;
const bench = useDeskBench();

const NOTES = 'Parcel lost in transit; refund of 240 € promised — Ærø depot';

describe.each(SIP_SERVERS)('history against %s', (_name, start) => {
  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('a wrapped-up call is found by its notes and filters, and exported as CSV with a BOM', async () => {
    const user = newUser('agent');
    await bench.app.services.handlers.saveSettings({
      serverUrl: server.wsUrl,
      sipUri: `sip:${user}@${server.domain}`,
      password: server.password,
      displayName: 'Ana Agent',
    });
    const page = await bench.openApp({ width: 1280, height: 900 });
    await eventually(
      () => page.getByTestId('registration').textContent(),
      (t) => t === 'Signed in',
      'signed in',
    );

    const far = await bench.customer(server);
    await far.call(`sip:${user}@${server.domain}`);
    await page.getByRole('button', { name: 'Answer' }).click();
    await eventually(
      () => far.state(),
      (s) => s.session === 'Established',
      'connected',
    );
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
    const rows = page.getByTestId('history-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(NOTES);
    expect(await rows.first().textContent()).toContain('resolved');

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

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^warmline-history-\d{4}-\d\d-\d\d\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(NOTES);
  });
});
