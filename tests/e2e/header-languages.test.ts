import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../../shared/locales';
import { snap } from '../support/screenshots';
import { startKamailioServer, type SipTestServer } from '../support/sip-servers';
import { useDeskBench } from './desk-bench';
import { eventually, newUser } from './phone-engine.harness';

/**
 * Issue 18: the status bar (brand, agent state, registration, Available/Break/Sign out, the views)
 * fits one row on a 1280 px laptop in every UI language, signed in, where it holds the most.
 */
let server: SipTestServer;
const bench = useDeskBench();
const VIEWPORT = { width: 1280, height: 720 };

describe('the header in five languages at 1280×720', () => {
  beforeAll(async () => {
    server = await startKamailioServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  for (const language of LOCALES) {
    it(`${language}: signed in, every item of the header sits on one row, none cut off`, async () => {
      await bench.app.services.handlers.saveSettings({
        serverUrl: server.wsUrl,
        sipUri: `sip:${newUser('header')}@${server.domain}`,
        password: server.password,
        displayName: 'Ana Agent',
        language,
      });
      const page = await bench.openApp(VIEWPORT);
      await eventually(
        () =>
          page.evaluate(() =>
            (window as unknown as { warmlineState?: () => { registration: { state: string } } }).warmlineState?.(),
          ),
        (s) => s?.registration.state === 'registered',
        'signed in',
      );
      await eventually(
        () => page.evaluate(() => document.documentElement.lang),
        (lang) => lang === language,
        `UI in ${language}`,
      );
      const layout = await page.evaluate(() => {
        const header = document.querySelector('header.status-bar');
        if (!header) return undefined;
        const items = [...header.querySelectorAll('.brand, .status-items > *, .registration, .agent-controls > *, .views > *')]
          .map((element) => ({ text: element.textContent ?? '', box: element.getBoundingClientRect() }))
          .filter(({ box }) => box.width > 0 && box.height > 0);
        const firstBottom = Math.min(...items.map((i) => i.box.bottom));
        return {
          count: items.length,
          belowFirstRow: items.filter((i) => i.box.top >= firstBottom).map((i) => i.text),
          cutOff: items.filter((i) => i.box.right > window.innerWidth || i.box.left < 0).map((i) => i.text),
          overflows: header.scrollWidth > header.clientWidth,
        };
      });
      await snap(page, `header-${language}`);
      expect(layout?.count).toBeGreaterThan(6);
      expect(layout).toMatchObject({ belowFirstRow: [], cutOff: [], overflows: false });
    });
  }
});
