/**
 * `npm run soak [-- N]`: N calls in a row (default 300) through the app UI on the embedded lab, as
 * `npm start` runs it: a customer calls the support queue, the agent answers, holds and resumes,
 * escalates to the senior queue (a SIP.js senior, 2001, answers the consult) and completes the
 * transfer, then finishes the wrap-up. Every 50 calls it prints the renderer's JS heap (after a
 * forced GC), the open file descriptors of the host process (this process: the browser host and
 * its SQLite run in it, as under `npm start`), the database size and the median call set-up time
 * of those 50 calls. Not part of `npm test`: it is for a person reading whether growth is flat.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../support/chromium';
import { serveTestPages } from '../support/test-pages';
import { eventually, FarEndDriver } from '../e2e/phone-engine.harness';
import { LabDesk, QUEUE } from '../e2e/lab-desk';

const CALLS = Number(process.argv[2] ?? process.env.WARMLINE_SOAK_CALLS ?? 300);
const BLOCK = Math.min(50, CALLS);

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
const dbBytes = (dir: string): number =>
  readdirSync(dir)
    .filter((f) => f.startsWith('warmline.sqlite'))
    .reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
const openFds = (): number => readdirSync('/proc/self/fd').length;

async function main(): Promise<void> {
  if (!Number.isInteger(CALLS) || CALLS < 1) throw new Error('usage: npm run soak -- [number of calls]');
  const pages = await serveTestPages({ 'far-end': 'tests/support/far-end/sipjs-far-end.ts' });
  const browser = await launchChromium();
  const desk = await LabDesk.start(browser, pages);
  const page = desk.page;
  // tsx (esbuild, keepNames) wraps named inner functions of page.evaluate callbacks in __name().
  await page.evaluate('window.__name = (f) => f');
  const cdp = await page.context().newCDPSession(page);
  const heap = async (): Promise<number> => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const senior = await FarEndDriver.open(
    browser,
    pages,
    { wsUrl: desk.lab.url, domain: desk.domain, password: 'lab-2001' },
    'senior',
    { uri: `sip:2001@${desk.domain}`, password: 'lab-2001', displayName: 'Senior 2001', autoAnswer: true, toneHz: 880 },
  );
  await desk.signedIn();
  const state = () => page.getByTestId('agent-state').textContent();
  if ((await state()) !== 'Status: Available') await page.locator('[data-shortcut="available"]').click();
  await eventually(state, (t) => t === 'Status: Available', 'Available');

  console.log(`${CALLS} calls: answer, hold, resume, escalate to the senior queue, complete the transfer, wrap-up`);
  console.log('calls\trenderer heap MiB\thost fds\tDB MiB\tset-up median ms (INVITE → 200 OK, incl. the click on Answer)');
  console.log(`0\t${mib(await heap())}\t${openFds()}\t${mib(dbBytes(desk.dataDir))}\t-`);
  let setups: number[] = [];
  const started = Date.now();
  for (let i = 1; i <= CALLS; i += 1) {
    const customer = await desk.customer(i % 2);
    await customer.call(`sip:${QUEUE}@${desk.domain}`);
    await page.locator('[data-shortcut="answer"]').click();
    const connected = await eventually(
      () => customer.state(),
      (s) => s.session === 'Established' && s.final !== undefined,
      `call ${i} connected`,
    );
    setups.push(connected.final!.at - connected.inviteSentAt!);

    const hold = page.locator('.call-stack [data-shortcut="hold"]').first();
    await hold.click();
    await eventually(
      () => hold.getAttribute('aria-pressed'),
      (p) => p === 'true',
      `call ${i} on hold`,
    );
    await hold.click();
    await eventually(
      () => hold.getAttribute('aria-pressed'),
      (p) => p === 'false',
      `call ${i} resumed`,
    );

    await page.locator('[data-shortcut="escalate"]').first().click();
    const panel = page.locator('.escalation-panel');
    await panel.getByLabel('Why').selectOption('wants-higher-authority');
    await panel.getByLabel('Summary in one line').fill(`Soak call ${i}: wants a manager`);
    await panel.getByRole('button', { name: 'Consult (customer on hold)' }).click();
    await page.getByRole('button', { name: 'Complete transfer' }).click({ timeout: 20_000 });
    await eventually(state, (t) => t === 'Status: After-call work', `call ${i} in wrap-up`);
    await eventually(
      () => senior.state(),
      (s) => s.session === 'Established' && s.invited?.sdp !== undefined,
      `call ${i}: the customer is with the senior`,
    );

    const form = page.locator('form.wrap-up-form');
    const disposition = form.getByLabel('Disposition');
    if ((await disposition.count()) > 0) await disposition.selectOption({ index: 1 });
    await form.getByRole('button', { name: 'Ready' }).click();
    await customer.hangup();
    await eventually(
      () => senior.state(),
      (s) => s.session === 'Terminated',
      `call ${i}: the senior's call ended`,
    );
    await eventually(state, (t) => t === 'Status: Available', `Available after call ${i}`);

    if (i % BLOCK === 0 || i === CALLS) {
      console.log(`${i}\t${mib(await heap())}\t${openFds()}\t${mib(dbBytes(desk.dataDir))}\t${Math.round(median(setups))}`);
      setups = [];
    }
  }
  console.log(`done: ${CALLS} calls in ${Math.round((Date.now() - started) / 1000)} s; page errors: ${desk.pageErrors.length}`);
  await senior.page.close();
  await desk.close();
  await browser.close();
  await pages.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
