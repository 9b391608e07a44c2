import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../shared/locales';
import { snap } from '../support/screenshots';
import { SIP_SERVERS, type SipTestServer } from '../support/sip-servers';
import { answeredCall, signInAgent } from './desk-actions';
import { useDeskBench } from './desk-bench';
import { eventually, type FarEndDriver } from './phone-engine.harness';

/**
 * Notes during the call and in wrap-up, in each UI language: a phrase to avoid is flagged as the
 * agent types it, with the kinder thing to say; the assistant's phrases land in the notes; and the
 * call's notes are the first lines of its wrap-up.
 */
let server: SipTestServer;
const bench = useDeskBench();

/** In each language: what an agent might type (odd case and spacing), and the start of the kinder alternative. */
const STORIES: readonly (readonly [Locale, string, string])[] = [
  ['en', 'Told him to CALM   down, then checked the bill.', 'I can hear this has really upset you.'],
  ['nl', 'Gezegd: Rustig aan! Daarna de rekening bekeken.', 'Ik hoor dat dit u echt dwarszit.'],
  ['da', 'Sagde: slap  af, og tjekkede regningen.', 'Jeg kan høre, at det her virkelig'],
  ['nb', 'Sa: Ro deg ned. Sjekket fakturaen etterpå.', 'Jeg hører at dette virkelig'],
  ['tl', 'Sinabi ko: Kumalma po kayo. Tiningnan ang bill.', 'Naiintindihan ko pong sobrang nakakainis'],
];

async function onACall(language: Locale): Promise<{ page: Page; far: FarEndDriver }> {
  const { page, user } = await signInAgent(bench, server, { language, wrapUpSeconds: 0 });
  return { page, far: await answeredCall(bench, server, page, user) };
}

describe.each(SIP_SERVERS.slice(1, 2))('call notes against %s', (_name, start) => {
  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.each(STORIES)(
    '%s: a phrase to avoid typed into the notes is flagged with its alternative, during the call and in wrap-up',
    async (language, typed, kinder) => {
      const { page, far } = await onACall(language);
      const notes = page.locator('.call-notes textarea');
      await notes.pressSequentially(typed, { delay: 2 });
      const warning = page.locator('.call-notes [data-phrase="calm-down"]');
      await warning.waitFor();
      expect(await warning.textContent()).toContain(kinder);
      if (language === 'en') await snap(page, 'call-notes-flagged');

      await far.hangup();
      const form = page.locator('form.wrap-up-form');
      const wrapUpNotes = form.locator('textarea').first();
      await eventually(
        () => wrapUpNotes.inputValue(),
        (v) => v.startsWith(typed),
        'the call notes start the wrap-up notes',
      );
      expect(await form.locator('[data-phrase="calm-down"]').textContent()).toContain(kinder);
    },
  );

  it('the assistant puts a phrase into the call notes with one click', async () => {
    const { page } = await onACall('en');
    await page.getByRole('button', { name: 'Insert phrase 1 into the notes' }).click();
    const phrase = (await page.locator('.assist-phrase-list li').first().locator('.assist-phrase-text').textContent()) ?? '';
    expect(phrase.length).toBeGreaterThan(5);
    expect(await page.locator('.call-notes textarea').inputValue()).toBe(phrase);
    await page.getByTestId('assist-insert-feedback').getByText('Added to the notes.').waitFor();
  });
});
