import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDayText } from '../../shared/history';
import { CUSTOMER_NUMBERS, SIP_SERVERS, type SipTestServer } from '../support/sip-servers';
import { answer } from './desk-actions';
import { useDeskBench } from './desk-bench';
import { eventually, newUser, type FarEndDriver } from './phone-engine.harness';

/**
 * Customers end to end, against Kamailio and the lab server: a customer whose SIP user is their
 * phone number calls twice. The second ring already shows the first call's disposition, notes and
 * the callback owed; during the call the agent writes a note on the customer and marks the
 * callback done; after the app host restarts on the same data file, the next ring shows both.
 */
let server: SipTestServer;
const bench = useDeskBench();

const NUMBER = CUSTOMER_NUMBERS[0];
const FIRST_NOTES = 'Router drops every evening; technician visit promised';
const CUSTOMER_NOTE = 'Prefers calls after 17:00, speaks Dutch and English';

const signedIn = (page: Page) =>
  eventually(
    () => page.getByTestId('registration').textContent(),
    (t) => t === 'Signed in',
    'signed in',
  );

async function openSignedIn(user: string): Promise<Page> {
  await bench.app.services.handlers.saveSettings({
    serverUrl: server.wsUrl,
    sipUri: `sip:${user}@${server.domain}`,
    password: server.password,
    displayName: 'Ana Agent',
  });
  const page = await bench.openApp({ width: 1280, height: 900 });
  await signedIn(page);
  return page;
}

/** The customer rings; resolves with the ringing card once its screen pop is there. */
async function rings(page: Page, far: FarEndDriver, user: string) {
  await far.call(`sip:${user}@${server.domain}`);
  const ringing = page.getByRole('button', { name: 'Answer' });
  await ringing.waitFor();
  const pop = page.getByTestId('customer-card');
  await pop.waitFor();
  return pop;
}

async function readyAfterWrapUp(page: Page, fill: (form: Locator) => Promise<unknown>): Promise<void> {
  const form = page.getByRole('form', { name: 'After-call work' });
  await form.waitFor();
  await fill(form);
  await form.getByRole('button', { name: 'Ready' }).click();
  await eventually(
    () => page.getByTestId('agent-state').textContent(),
    (t) => t === 'Status: Available',
    'available',
  );
}

describe.each(SIP_SERVERS)('customers against %s', (_name, start) => {
  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('the second call pops the first one and the callback owed; a note and a closed callback survive a restart', async () => {
    const user = newUser('agent');
    let page = await openSignedIn(user);
    const far = await bench.farEnd(server, 'customer', { uri: `sip:${NUMBER}@${server.domain}`, displayName: 'Ana Reyes' });

    // First call: wrapped up with a disposition, notes and a callback for tomorrow.
    let pop = await rings(page, far, user);
    expect(await pop.textContent()).toContain('No earlier calls or notes for this number.');
    await answer(page, far);
    await far.hangup();
    const tomorrow = localDayText(Date.now() + 86_400_000);
    await readyAfterWrapUp(page, async (form) => {
      await form.getByLabel('Disposition').selectOption('callback-scheduled');
      await form.getByLabel('Notes').fill(FIRST_NOTES);
      await form.getByLabel('Call back at').fill(`${tomorrow}T10:00`);
    });

    // Second call: the screen pop on ring shows the first call and what is owed.
    pop = await rings(page, far, user);
    await eventually(
      () => pop.textContent(),
      (t) => (t ?? '').includes(FIRST_NOTES),
      'the first call in the screen pop',
    );
    const ringText = (await pop.textContent()) ?? '';
    expect(ringText).toContain('Callback scheduled');
    expect(ringText).toContain('Callbacks owed');
    expect(ringText).toMatch(/Call back .*10:00/);

    // During the call: a note on the customer, and the callback marked done.
    await answer(page, far);
    pop = page.getByTestId('customer-card');
    await pop.getByRole('button', { name: 'Add a note' }).click();
    const noteForm = pop.getByRole('form', { name: 'Add a note' });
    await noteForm.getByRole('button', { name: 'Save note' }).click();
    await noteForm.getByRole('alert').filter({ hasText: 'Write the note first.' }).waitFor();
    await noteForm.getByLabel('Note about this customer').fill(CUSTOMER_NOTE);
    await noteForm.getByRole('button', { name: 'Save note' }).click();
    await noteForm.waitFor({ state: 'detached' });
    await pop.getByText(CUSTOMER_NOTE).waitFor();
    await pop.getByRole('button', { name: 'Mark as done' }).click();
    await pop.getByText('Callbacks owed').waitFor({ state: 'detached' });
    expect(await pop.textContent()).toContain('callback made');
    await far.hangup();
    await readyAfterWrapUp(page, (form) => form.getByLabel('Disposition').selectOption('resolved'));
    // The note written during the call is linked to that call in the history.
    const linked = bench.app.services.db
      .prepare('SELECT c.remote_number AS number FROM customer_notes n JOIN calls c ON c.id = n.call_id WHERE n.text = ?')
      .get(CUSTOMER_NOTE) as { number: string } | undefined;
    expect(linked?.number).toContain('31201234567');

    // The app host restarts on the same data file; the next ring shows the note and nothing owed.
    await bench.restartApp(page);
    page = await openSignedIn(user);
    pop = await rings(page, far, user);
    await eventually(
      () => pop.textContent(),
      (t) => (t ?? '').includes(CUSTOMER_NOTE),
      'the note after the restart',
    );
    const afterRestart = (await pop.textContent()) ?? '';
    expect(afterRestart).toContain('callback made');
    expect(afterRestart).not.toContain('Callbacks owed');
    expect(afterRestart).toContain(FIRST_NOTES);
    await far.hangup();
  });
  it('a shared line: the pop says the name this number called with before, not that it is the caller now', async () => {
    const user = newUser('agent');
    const page = await openSignedIn(user);
    const uri = `sip:${NUMBER}@${server.domain}`;
    const ingrid = await bench.farEnd(server, 'customer', { uri, displayName: 'Ingrid Berg' });
    await rings(page, ingrid, user);
    await answer(page, ingrid);
    await ingrid.hangup();
    await readyAfterWrapUp(page, (form) => form.getByLabel('Notes').fill('Asked about the March invoice'));

    const sarah = await bench.farEnd(server, 'customer', { uri, displayName: 'Sarah Miller' });
    const pop = await rings(page, sarah, user);
    const text = await eventually(
      () => pop.textContent(),
      (t) => (t ?? '').includes('Asked about the March invoice'),
      'the earlier call in the pop',
    );
    expect(text).toContain('this number; earlier calls as Ingrid Berg');
    expect(text).not.toContain('Customer history · Ingrid Berg');
    await sarah.hangup();
  });
});
