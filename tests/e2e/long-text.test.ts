import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dana, olderHeader, TEAM_KEY } from '../../shared/escalation/escalation.fixtures';
import { snap } from '../support/screenshots';
import { CUSTOMER_NUMBERS, startKamailioServer, type SipTestServer } from '../support/sip-servers';
import { answer, readyToAvailable, signInAgent } from './desk-actions';
import { useDeskBench } from './desk-bench';

/**
 * Long text without spaces (a pasted URL, a run of order numbers) wraps wherever it is shown: the
 * call notes, the customer's history and notes, the handoff card, the wrap-up and History. Nothing
 * widens the window or its main regions, so nothing scrolls sideways (walk fault 2).
 */
let server: SipTestServer;
const bench = useDeskBench();
const VIEWPORT = { width: 1280, height: 900 };
const RUN = (letter: string, length: number) => `${letter}${'0123456789'.repeat(length / 10)}`.slice(0, length);
const NOTES = RUN('N', 2000);
const CUSTOMER_NOTE = RUN('C', 1900);

/** The page and every main region that is wider inside than its box: text that did not wrap. */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const wide = (el: Element) => el.scrollWidth > el.clientWidth + 1;
    const found: string[] = [];
    const root = document.scrollingElement;
    if (root && wide(root)) found.push(`page ${root.scrollWidth} > ${root.clientWidth}`);
    const regions = 'main, section, aside, form, table, td, li, dd, p, [role="region"], [role="dialog"], [role="alertdialog"]';
    for (const el of document.querySelectorAll(regions)) {
      if (el.clientWidth > 0 && wide(el))
        found.push(`${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth} > ${el.clientWidth}`);
      else if (el.getBoundingClientRect().right > window.innerWidth + 1)
        found.push(`${el.tagName.toLowerCase()}.${el.className} off the right edge`);
    }
    return found;
  });

/** Pastes `text` into `field` through the real clipboard (Ctrl+V), as an agent would. */
async function paste(page: Page, field: Locator, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await field.focus();
  await page.keyboard.press('Control+V');
}

describe('long text without spaces', () => {
  beforeAll(async () => {
    server = await startKamailioServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('wraps in the call, the customer card, the handoff card, the wrap-up and History', async () => {
    const { page, user } = await signInAgent(bench, server, { teamKey: TEAM_KEY }, VIEWPORT);
    const far = await bench.farEnd(server, 'customer', {
      displayName: 'Dana Customer',
      uri: `sip:${CUSTOMER_NUMBERS[0]}@${server.domain}`,
    });

    // First call: long call notes and a long note on the customer.
    await far.call(`sip:${user}@${server.domain}`);
    await answer(page, far);
    const call = page.getByRole('region', { name: 'Current call' });
    await call.waitFor();
    await page.getByRole('textbox', { name: 'Call notes' }).fill(NOTES);
    const card = page.getByTestId('customer-card');
    await card.getByRole('button', { name: 'Add a note' }).click();
    const noteForm = card.getByRole('form', { name: 'Add a note' });
    await noteForm.getByLabel('Note about this customer').fill(CUSTOMER_NOTE);
    await noteForm.getByRole('button', { name: 'Save note' }).click();
    await card.getByText(CUSTOMER_NOTE).waitFor();
    await snap(page, 'long-text-call');
    expect(await sideways(page)).toEqual([]);
    await far.hangup();

    const form = page.getByRole('form', { name: 'After-call work' });
    await form.waitFor();
    await form.getByLabel('Notes').fill(NOTES);
    await form.getByLabel('Disposition').selectOption('resolved');
    await snap(page, 'long-text-wrap-up');
    expect(await sideways(page)).toEqual([]);
    await readyToAvailable(page);

    // Second call, with a handoff card whose free text is one long run: the customer's history too.
    const context = await olderHeader({ ...dana, tried: RUN('T', 800), note: RUN('X', 400) }, TEAM_KEY);
    await far.call(`sip:${user}@${server.domain}`, [`X-Warmline-Context: ${context}`]);
    await page.getByTestId('handoff-card').waitFor();
    await card.getByText(CUSTOMER_NOTE).waitFor();
    expect(await sideways(page)).toEqual([]);
    await answer(page, far);
    await call.waitFor();
    await snap(page, 'long-text-handoff');
    expect(await sideways(page)).toEqual([]);
    await far.hangup();
    await form.waitFor();
    await form.getByLabel('Disposition').selectOption('resolved');
    await readyToAvailable(page);

    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('table').getByText(NOTES).first().waitFor();
    await snap(page, 'long-text-history');
    expect(await sideways(page)).toEqual([]);
  });

  it('says how much of a paste did not fit, counts near the limit, and names the escalation field it refuses', async () => {
    const { page, user } = await signInAgent(bench, server, {}, VIEWPORT);
    const far = await bench.farEnd(server, 'customer', {
      displayName: 'Dana Customer',
      uri: `sip:${CUSTOMER_NUMBERS[0]}@${server.domain}`,
    });
    await far.call(`sip:${user}@${server.domain}`);
    await answer(page, far);

    // The call notes: 10,000 characters pasted, 4,000 kept, and the agent told.
    const callNotes = page.getByRole('textbox', { name: 'Call notes' });
    await paste(page, callNotes, RUN('P', 10_000));
    const notesBox = page.locator('.call-notes');
    await notesBox.getByText('4000 of 4000 characters').waitFor();
    await notesBox.getByRole('alert').filter({ hasText: '6000 characters did not fit' }).waitFor();
    expect((await callNotes.inputValue()).length).toBe(4000);

    // A customer note: 2,000 at most.
    const card = page.getByTestId('customer-card');
    await card.getByRole('button', { name: 'Add a note' }).click();
    const noteForm = card.getByRole('form', { name: 'Add a note' });
    const note = noteForm.getByLabel('Note about this customer');
    await note.fill(RUN('C', 1700));
    await noteForm.getByText('1700 of 2000 characters').waitFor();
    await paste(page, note, RUN('D', 500));
    await noteForm.getByRole('alert').filter({ hasText: '200 characters did not fit' }).waitFor();
    await noteForm.getByRole('button', { name: 'Cancel' }).click();

    // The escalation: a pasted tag in "What was already tried" is refused by name.
    await page.getByRole('button', { name: 'Escalate' }).click();
    const panel = page.getByRole('dialog', { name: 'Escalate this call' });
    await panel.getByLabel('Summary in one line').fill('Wants a refund');
    await panel.getByLabel('What was already tried').fill('Copied from the wiki: <b>restart</b>');
    await panel.getByRole('button', { name: 'Consult (customer on hold)' }).click();
    await panel.getByRole('alert').filter({ hasText: '“What was already tried”' }).waitFor();
    await paste(page, panel.getByLabel('What was promised'), RUN('Q', 1000));
    await panel.getByRole('alert').filter({ hasText: '600 characters did not fit' }).waitFor();
    await snap(page, 'text-limit-escalation');
    await page.keyboard.press('Escape');
    await far.hangup();

    // Wrap-up notes start from the call notes, already at the limit: one more character is reported.
    const form = page.getByRole('form', { name: 'After-call work' });
    await form.waitFor();
    await form.getByText('4000 of 4000 characters').waitFor();
    await paste(page, form.getByLabel('Notes'), 'x');
    await form.getByRole('alert').filter({ hasText: '1 character did not fit' }).waitFor();
    await snap(page, 'text-limit-wrap-up');
  });
});
