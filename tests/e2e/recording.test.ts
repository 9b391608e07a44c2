import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAppHost, type AppHost } from '../support/app-host';
import { toneWav } from '../support/baresip';
import { launchChromium } from '../support/chromium';
import { snap } from '../support/screenshots';
import { SIP_SERVERS, type SipTestServer } from '../support/sip-servers';
import { makeTempDir } from '../support/temp-dir';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { eventually, FarEndDriver, newUser } from './phone-engine.harness';
import { readWav } from './phone-pstn.wav';

/**
 * Call recording (issue 16), as an agent uses it: turned on in Settings, a customer call is
 * recorded with both parties mixed, the call card says so, and History plays it back. The
 * agent's microphone speaks 660 Hz, the SIP.js customer 1250 Hz; the agent mutes for a stretch
 * in the middle, so the file must hold the customer throughout and the agent only around it.
 * Debian's ffmpeg decodes the file; a Goertzel filter finds the tones in each 100 ms block.
 */
const AGENT_HZ = 660;
const CUSTOMER_HZ = 1250;
const PRESENT_DB = -45;

let server: SipTestServer;
let pages: TestPages;
let browser: Browser;
let dir: ReturnType<typeof makeTempDir>;
let app: AppHost | undefined;
const opened: Page[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  dir = makeTempDir();
  const agentTone = join(dir.path, 'agent.wav');
  writeFileSync(agentTone, toneWav(AGENT_HZ, 60, 48_000));
  pages = await serveTestPages({ 'far-end': 'tests/support/far-end/sipjs-far-end.ts' });
  browser = await launchChromium([`--use-file-for-fake-audio-capture=${agentTone}`]);
});
afterAll(async () => {
  await browser?.close();
  await pages?.close();
  dir?.remove();
});

/** The level of one frequency in a block, in dBFS (Goertzel filter with a Hann window: a full-scale sine is 0 dB). */
function toneDb(block: Float64Array, sampleRate: number, frequency: number): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  let windowSum = 0;
  for (let i = 0; i < block.length; i += 1) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (block.length - 1));
    windowSum += w;
    const s0 = (block[i] ?? 0) * w + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = Math.max(0, s1 * s1 + s2 * s2 - coefficient * s1 * s2);
  return 20 * Math.log10((2 * Math.sqrt(power)) / windowSum + 1e-12);
}

/**
 * Per 100 ms block of the decoded file: is each tone there? The browser's noise suppression
 * turns a steady microphone tone down to about -25 dBFS, muting takes it below -65: -45 is
 * 20 dB from both. The customer's tone arrives at about -6.
 */
function toneTimeline(file: string): { seconds: number; agent: boolean[]; customer: boolean[] } {
  const wav = join(dir.path, `${newUser('decoded')}.wav`);
  execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-ac', '1', '-ar', '16000', '-f', 'wav', wav]);
  const { samples, sampleRate } = readWav(wav);
  const block = sampleRate / 10;
  const agent: boolean[] = [];
  const customer: boolean[] = [];
  for (let start = 0; start + block <= samples.length; start += block) {
    const slice = samples.subarray(start, start + block);
    agent.push(toneDb(slice, sampleRate, AGENT_HZ) > PRESENT_DB);
    customer.push(toneDb(slice, sampleRate, CUSTOMER_HZ) > PRESENT_DB);
  }
  return { seconds: samples.length / sampleRate, agent, customer };
}

/** The share of blocks in [from, to) seconds where `present` holds. */
const shareIn = (present: boolean[], from: number, to: number) => {
  const slice = present.slice(Math.round(from * 10), Math.round(to * 10));
  return slice.length === 0 ? Number.NaN : slice.filter(Boolean).length / slice.length;
};

describe.each(SIP_SERVERS.slice(1))('call recording against %s', (_name, start) => {
  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    await server?.stop();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((p) => p.close()));
    await app?.close();
    app = undefined;
    expect(pageErrors.splice(0)).toEqual([]);
  });

  async function agentOnCall(recordCalls: boolean): Promise<{ page: Page; customer: FarEndDriver; recordings: string }> {
    const data = join(dir.path, newUser('agent-data'));
    app = await startAppHost(data);
    const user = newUser('agent');
    await app.services.handlers.saveSettings({
      serverUrl: server.wsUrl,
      sipUri: `sip:${user}@${server.domain}`,
      password: server.password,
      displayName: 'Ana Agent',
      wrapUpSeconds: 0,
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    opened.push(page);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(app.url);
    await eventually(
      () => page.getByTestId('registration').textContent(),
      (t) => t === 'Signed in',
      'agent signed in',
    );
    if (recordCalls) {
      // As the agent does it: Settings → Recording → Record calls, Save.
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      const box = page.getByRole('checkbox', { name: 'Record calls' });
      expect(await box.isChecked()).toBe(false);
      await box.check();
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Settings saved.').waitFor();
      await page.getByRole('button', { name: 'Phone', exact: true }).click();
    }
    const customer = await FarEndDriver.open(browser, pages, server, 'customer', {
      displayName: 'Dana Customer',
      toneHz: CUSTOMER_HZ,
    });
    opened.push(customer.page);
    await customer.call(`sip:${user}@${server.domain}`);
    await page.getByRole('button', { name: 'Answer' }).click();
    await eventually(
      () => customer.state(),
      (s) => s.session === 'Established',
      'customer connected',
    );
    return { page, customer, recordings: join(data, 'recordings') };
  }

  it('records both parties while turned on: the card says so, the file holds both tones at the right times, History plays it', async () => {
    const { page, customer, recordings } = await agentOnCall(true);
    const indicator = page.getByTestId('recording-indicator');
    await indicator.waitFor();
    const answeredAt = Date.now();
    expect(await indicator.textContent()).toBe('Recording');
    await snap(page, 'call-recording-indicator');

    // Both talking, then the agent muted, then both again: about four seconds each.
    await new Promise((r) => setTimeout(r, 4000));
    await page.getByRole('button', { name: 'Mute', exact: true }).click();
    const mutedAt = Date.now() - answeredAt;
    await page.getByRole('button', { name: 'Unmute' }).waitFor();
    await new Promise((r) => setTimeout(r, 4000));
    await page.getByRole('button', { name: 'Unmute' }).click();
    const unmutedAt = Date.now() - answeredAt;
    await page.getByRole('button', { name: 'Mute', exact: true }).waitFor();
    await new Promise((r) => setTimeout(r, 4000));
    await customer.hangup();
    await indicator.waitFor({ state: 'detached' });

    const [file] = await eventually(
      async () => readdirSync(recordings),
      (names) => names.length === 1,
      'one recording file',
    );
    expect(file).toMatch(/^[0-9a-f]{32}\.(webm|ogg)$/);
    const history = await eventually(
      async () => app!.services.handlers.listHistory({ limit: 5 }),
      (h) => h.items[0]?.recording !== undefined,
      'the call is in the history with its recording',
    );
    expect(history.items[0]?.recording?.truncated).toBe(false);

    const { seconds, agent, customer: heard } = toneTimeline(join(recordings, file!));
    const timeline = { seconds, mutedAt, unmutedAt };
    // The recording runs from the answer to the hang-up, give or take the start-up of the encoder.
    const bits = (present: boolean[]) => present.map(Number).join('');
    const report = JSON.stringify({ ...timeline, agent: bits(agent), customer: bits(heard) });
    expect(seconds, report).toBeGreaterThan(unmutedAt / 1000 + 2);
    // A second's margin at each edge: the clicks' times are the test's, the file's clock starts a moment later.
    const end = seconds - 1;
    expect(shareIn(heard, 1, end), 'the customer throughout: ' + report).toBeGreaterThan(0.9);
    expect(shareIn(agent, 1, mutedAt / 1000 - 1), 'the agent before muting: ' + report).toBeGreaterThan(0.9);
    expect(shareIn(agent, mutedAt / 1000 + 1, unmutedAt / 1000 - 1), 'no agent while muted: ' + report).toBeLessThan(0.05);
    expect(shareIn(agent, unmutedAt / 1000 + 1, end), 'the agent after unmuting: ' + report).toBeGreaterThan(0.9);

    // History: the call's recording plays in the page, fed by the host.
    await page.getByRole('button', { name: 'History', exact: true }).click();
    const row = page.getByTestId('history-row').first();
    await row.getByRole('button', { name: 'Play recording' }).click();
    const player = row.getByTestId('recording-player');
    await player.waitFor();
    const played = await eventually(
      () =>
        player.evaluate((el: HTMLAudioElement) => ({
          error: el.error?.code ?? null,
          duration: el.duration,
          currentTime: el.currentTime,
          readyState: el.readyState,
        })),
      (p) => p.error !== null || (p.readyState >= 2 && p.currentTime > 0.5),
      'the recording plays',
    );
    expect(played.error).toBeNull();
    expect(played.duration).toBeGreaterThan(0);
    await snap(page, 'history-recording-player');

    // Deleting the call deletes its recording.
    await row.getByRole('button', { name: 'Delete' }).click();
    await row.getByRole('button', { name: 'Delete call' }).click();
    await eventually(
      async () => readdirSync(recordings),
      (names) => names.length === 0,
      'the recording file is deleted with the call',
    );
    expect((await app!.services.handlers.listHistory({ limit: 5 })).items).toEqual([]);
  });

  it('records nothing while turned off (the default): no indicator, no file, nothing to play', async () => {
    const { page, customer, recordings } = await agentOnCall(false);
    await page.getByRole('button', { name: 'Mute', exact: true }).waitFor();
    await new Promise((r) => setTimeout(r, 2500));
    expect(await page.getByTestId('recording-indicator').count()).toBe(0);
    await customer.hangup();
    const history = await eventually(
      async () => app!.services.handlers.listHistory({ limit: 5 }),
      (h) => h.items.length === 1,
      'the call is in the history',
    );
    expect(history.items[0]?.recording).toBeUndefined();
    expect(readdirSync(recordings)).toEqual([]);
  });
});
