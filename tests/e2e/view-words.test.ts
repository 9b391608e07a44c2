import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../shared/locales';
import da from '../../renderer/src/i18n/locales/da.json';
import en from '../../renderer/src/i18n/locales/en.json';
import nb from '../../renderer/src/i18n/locales/nb.json';
import nl from '../../renderer/src/i18n/locales/nl.json';
import tl from '../../renderer/src/i18n/locales/tl.json';
import daViews from '../../renderer/src/i18n/locales/views/da.json';
import enViews from '../../renderer/src/i18n/locales/views/en.json';
import nbViews from '../../renderer/src/i18n/locales/views/nb.json';
import nlViews from '../../renderer/src/i18n/locales/views/nl.json';
import tlViews from '../../renderer/src/i18n/locales/views/tl.json';
import { SIP_SERVERS } from '../support/sip-servers';
import { useDeskBench } from './desk-bench';
import { answeredCall, saveAgentSettings, signedIn } from './desk-actions';
import { eventually } from './phone-engine.harness';

/**
 * The words of the views in chunks of their own (Settings, History, the team panel, the wrap-up)
 * are fetched with the first view, not at start (issue 19). An agent who switches language
 * mid-shift sees each view in the new language: its words come with the switch.
 */
const [, startKamailio] = SIP_SERVERS[0];
const bench = useDeskBench();
const WORDS = {
  en: { start: en, views: enViews },
  nl: { start: nl, views: nlViews },
  da: { start: da, views: daViews },
  nb: { start: nb, views: nbViews },
  tl: { start: tl, views: tlViews },
} as const;

const nav = (page: Page, language: Locale, view: 'phone' | 'history' | 'settings') =>
  page
    .getByRole('navigation', { name: WORDS[language].start.nav.region })
    .getByRole('button', { name: WORDS[language].start.nav[view], exact: true });

describe("the views' words, fetched with the first view", () => {
  it('show Settings, History, the team panel and the wrap-up in each language switched to mid-shift', async () => {
    const server = await startKamailio();
    try {
      const user = await saveAgentSettings(bench, server);
      const page = await bench.browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(bench.app.url);
      await signedIn(page);
      await page.getByRole('region', { name: enViews.team.region }).waitFor();

      let shown: Locale = 'en';
      for (const language of ['nl', 'da', 'nb', 'tl'] as const) {
        const { views } = WORDS[language];
        await nav(page, shown, 'settings').click();
        await page.locator('select[name="language"]').selectOption(language);
        await page.getByRole('button', { name: WORDS[shown].views.settings.save, exact: true }).click();
        shown = language;
        await page.getByText(views.settings.saved).waitFor();
        await page.getByRole('heading', { name: views.settings.title }).waitFor();
        await nav(page, language, 'history').click();
        await page.getByRole('heading', { name: views.history.title }).waitFor();
        await nav(page, language, 'phone').click();
        await page.getByRole('region', { name: views.team.region }).waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
      }

      // A call in the last language: the wrap-up (the in-call chunk's words) is in Tagalog too.
      const caller = await answeredCall(bench, server, page, user);
      await caller.hangup();
      const wrapUp = page.locator('form.wrap-up-form');
      await wrapUp.getByRole('button', { name: tlViews.wrapUp.ready }).waitFor();
      await eventually(
        () => wrapUp.textContent(),
        (text) => (text ?? '').includes(tlViews.wrapUp.title) && !/\bwrapUp\./.test(text ?? ''),
        'the wrap-up form in Tagalog',
      );
      expect(errors).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
