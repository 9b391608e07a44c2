import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../support/app-host';
import { startLabTestServer, type SipTestServer } from '../support/sip-servers';
import { eventually, FarEndDriver, newUser } from './phone-engine.harness';
import { bits, fileSeconds, longestRun, shareIn, toneTimeline } from './recording-file';
import {
  attributeOf,
  customerAnswered,
  superviseFromBoard,
  useToneBench,
  warmlineDesk,
  closeDesks,
  TONE_HZ,
} from './warmline-pages.harness';

/**
 * A recording holds what the call carries (issue 16), also while the agent's voice goes through
 * a Web Audio mix: with a supervisor in the call (barge), the customer hears the agent and the
 * supervisor, and a muted agent not at all. The recorder used to keep the microphone track it
 * was given at the answer, which the mix leaves enabled (the supervisor hears a muted agent), so
 * the file held the agent's voice while muted, and never the supervisor the customer heard.
 * The agent speaks 660 Hz, the supervisor 880, the SIP.js customer 1250; on the lab.
 */
const bench = useToneBench({ agent: TONE_HZ.agent, supervisor: TONE_HZ.supervisor });

describe('recording a supervised call while the agent mutes', () => {
  let server: SipTestServer;
  const apps: AppHost[] = [];
  let agent: Page;
  let supervisor: Page;
  let customer: FarEndDriver;
  let agentUser: string;

  beforeAll(async () => {
    server = await startLabTestServer();
    agentUser = newUser('agent');
    const more = { recordCalls: true, wrapUpSeconds: 0 };
    agent = (await warmlineDesk(bench(), server, bench().browsers.agent, agentUser, { displayName: 'Ana', ...more }, apps)).page;
    supervisor = (await warmlineDesk(bench(), server, bench().browsers.supervisor, newUser('senior'), { supervisor: true }, apps))
      .page;
    customer = await FarEndDriver.open(bench().browsers.agent, bench().pages, server, 'customer', { toneHz: TONE_HZ.customer });
  });
  afterAll(() => closeDesks([customer?.page, agent, supervisor], apps, server, bench().pageErrors));

  it('the file holds the supervisor in barge and no agent while muted', async () => {
    await customerAnswered(customer, `sip:${agentUser}@${server.domain}`, agent);
    await agent.getByTestId('recording-indicator').waitFor();
    await superviseFromBoard(supervisor, agentUser, 'Barge in');
    await eventually(
      () => attributeOf(agent, 'supervision-indicator', 'data-mode'),
      (m) => m === 'barge',
      "agent's indicator in barge",
    );
    await eventually(
      () => customer.hearsTone(TONE_HZ.supervisor),
      (h) => h,
      'the customer hears the supervisor',
      20_000,
    );
    // Talking, muted, talking: about four seconds each (the mute is found in the file, as recording.test.ts does).
    await new Promise((r) => setTimeout(r, 4000));
    const muteClicked = Date.now();
    await agent.getByRole('button', { name: 'Mute', exact: true }).click();
    await agent.getByRole('button', { name: 'Unmute' }).waitFor();
    await new Promise((r) => setTimeout(r, 4000));
    await agent.getByRole('button', { name: 'Unmute' }).click();
    const unmutedAt = Date.now();
    await agent.getByRole('button', { name: 'Mute', exact: true }).waitFor();
    await new Promise((r) => setTimeout(r, 4000));
    await customer.hangup();
    await agent.getByTestId('recording-indicator').waitFor({ state: 'detached' });
    await supervisor.getByTestId('monitor').waitFor({ state: 'detached' });

    const recordings = join(bench().dir, `${agentUser}-data`, 'recordings');
    const [file] = await eventually(
      async () => readdirSync(recordings),
      (names) => names.length === 1,
      'one recording file',
    );
    const path = join(recordings, file!);
    await eventually(
      async () => fileSeconds(path),
      (s) => Number.isFinite(s),
      'the recording closed, with its length',
    );
    const timeline = toneTimeline(path, bench().dir, {
      agent: TONE_HZ.agent,
      customer: TONE_HZ.customer,
      supervisor: TONE_HZ.supervisor,
    });
    const { seconds } = timeline;
    const report = JSON.stringify({
      seconds,
      mutedMs: unmutedAt - muteClicked,
      agent: bits(timeline.agent),
      customer: bits(timeline.customer),
      supervisor: bits(timeline.supervisor),
    });
    // The muted stretch: the longest without the agent, at least most of the four seconds and no
    // longer than from the Mute click to the Unmute click, with the agent heard before and after.
    const quiet = longestRun(timeline.agent, false);
    const end = seconds - 1;
    expect(quiet.to - quiet.from, 'a muted stretch: ' + report).toBeGreaterThan(2.5);
    expect(quiet.to - quiet.from, 'no longer than the mute: ' + report).toBeLessThan((unmutedAt - muteClicked) / 1000 + 1);
    expect(shareIn(timeline.agent, quiet.to + 0.5, end), 'the agent after unmuting: ' + report).toBeGreaterThan(0.9);
    expect(shareIn(timeline.customer, 1, end), 'the customer throughout: ' + report).toBeGreaterThan(0.9);
    // The supervisor in barge: heard by the customer while the agent was muted and after, so in the file.
    expect(shareIn(timeline.supervisor, quiet.from + 0.5, end), 'the supervisor in barge: ' + report).toBeGreaterThan(0.9);
  });
});
