import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { TEAM_KEY } from '../../shared/escalation/escalation.fixtures';
import type { SettingsPatch } from '../../shared/settings';
import type { AppHost } from '../support/app-host';
import { toneWav } from '../support/baresip';
import { launchChromium } from '../support/chromium';
import type { SipTestServer } from '../support/sip-servers';
import { eventually } from './phone-engine.harness';

/**
 * What the stories with several Warmline desks on one server share (escalation, supervision):
 * a browser whose microphone speaks one tone, a desk signed in through its browser host, and
 * the two ways of asking whether a party hears a tone.
 */

/** A Chromium whose fake microphone plays `hz` (0: silence) from a WAV written into `dir`. */
export async function toneBrowser(dir: string, name: string, hz: number): Promise<Browser> {
  const wav = join(dir, `${name}.wav`);
  writeFileSync(wav, toneWav(hz, 30, 48_000));
  return launchChromium([`--use-file-for-fake-audio-capture=${wav}`]);
}

/** A Warmline page signed in as `user` on `server` with the team key (`more`: other settings). */
export async function signedInWarmline(
  server: Pick<SipTestServer, 'wsUrl' | 'domain' | 'password'>,
  browser: Browser,
  app: AppHost,
  user: string,
  more: SettingsPatch,
  pageErrors: string[],
): Promise<Page> {
  await app.services.handlers.saveSettings({
    serverUrl: server.wsUrl,
    sipUri: `sip:${user}@${server.domain}`,
    password: server.password,
    teamKey: TEAM_KEY,
    ...more,
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(app.url);
  await eventually(
    () => page.getByTestId('registration').textContent(),
    (t) => t === 'Signed in',
    `${user} signed in`,
  );
  return page;
}

/** Heard within a generous wait (audio paths start under load at their own pace). */
export const hears = (what: string, read: () => Promise<boolean>) => eventually(read, (h) => h, what, 20_000);

/** Not heard over two seconds of samples, once the paths that must carry audio are proven to. */
export async function neverHears(what: string, read: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 8; i += 1) {
    expect(await read(), what).toBe(false);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Heard no more: for a path that carried the tone a moment ago (a mode switched, a mute). */
export const stopsHearing = (what: string, read: () => Promise<boolean>) => eventually(read, (h) => !h, what, 20_000);

/** An attribute of an element that may come and go: null while it is absent. */
export const attributeOf = (page: Page, testId: string, name: string) =>
  page
    .getByTestId(testId)
    .getAttribute(name, { timeout: 1_000 })
    .catch(() => null);
