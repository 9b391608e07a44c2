import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../support/app-host';
import { startLabTestServer, type SipTestServer } from '../support/sip-servers';
import { eventually, FarEndDriver, newUser } from './phone-engine.harness';
import { bits, fileSeconds, longestRun, shareIn, toneTimeline } from './recording-file';
import {
  answerAndConsult,
  attributeOf,
  closeDesks,
  customerAnswered,
  hears,
  superviseFromBoard,
  TONE_HZ,
  useToneBench,
  warmlineDesk,
} from './warmline-pages.harness';

/**
 * A recording holds what the call carries (issue 16), also while the agent's voice goes through
 * a Web Audio mix: with a supervisor in the call (barge) or in a three-way call with a senior, the
 * customer hears the agent and the third party, and a muted agent not at all. The recorder used
 * to keep the microphone track it was given at the answer, which a mix leaves enabled (a
 * supervisor hears a muted agent), so the file held the agent's voice while muted, and never the
 * third party. The agents speak 660 Hz, the supervisor (also the senior) 880, the SIP.js customer
 * 1250; on the lab. Each agent records calls; each file is decoded by ffmpeg (recording-file.ts).
 */
const bench = useToneBench({ agent: TONE_HZ.agent, supervisor: TONE_HZ.supervisor });

/** Talking, muted, talking: about four seconds each; when the Mute click started and the Unmute click ended. */
async function talkMuteTalk(agent: Page): Promise<{ muteClicked: number; unmutedAt: number }> {
  await new Promise((r) => setTimeout(r, 4000));
  const muteClicked = Date.now();
  await agent.getByRole('button', { name: 'Mute', exact: true }).click();
  await agent.getByRole('button', { name: 'Unmute' }).waitFor();
  await new Promise((r) => setTimeout(r, 4000));
  await agent.getByRole('button', { name: 'Unmute' }).click();
  const unmutedAt = Date.now();
  await agent.getByRole('button', { name: 'Mute', exact: true }).waitFor();
  await new Promise((r) => setTimeout(r, 4000));
  return { muteClicked, unmutedAt };
}

/**
 * The agent's `count` recordings, once closed: each must hold a stretch without the agent (found
 * in the file, as recording.test.ts does: the encoder's clock is not the test's) as long as the
 * mute, the agent before and after it, and the customer and the third party (880 Hz) from the
 * mute on, since the mix was up by then.
 */
async function expectMutedInEveryRecording(dataDir: string, count: number, clicks: { muteClicked: number; unmutedAt: number }) {
  const recordings = join(dataDir, 'recordings');
  const files = await eventually(
    async () => readdirSync(recordings),
    (names) => names.length === count,
    `${count} recording file(s)`,
  );
  for (const file of files) {
    const path = join(recordings, file);
    await eventually(
      async () => fileSeconds(path),
      (s) => Number.isFinite(s),
      'the recording closed, with its length',
    );
    const timeline = toneTimeline(path, bench().dir, {
      agent: TONE_HZ.agent,
      customer: TONE_HZ.customer,
      third: TONE_HZ.supervisor,
    });
    const { seconds } = timeline;
    const mutedMs = clicks.unmutedAt - clicks.muteClicked;
    const report = JSON.stringify({
      file,
      seconds,
      mutedMs,
      agent: bits(timeline.agent),
      customer: bits(timeline.customer),
      third: bits(timeline.third),
    });
    const quiet = longestRun(timeline.agent, false);
    const end = seconds - 1;
    expect(quiet.to - quiet.from, 'a muted stretch: ' + report).toBeGreaterThan(2.5);
    expect(quiet.to - quiet.from, 'no longer than the mute: ' + report).toBeLessThan(mutedMs / 1000 + 1);
    expect(shareIn(timeline.agent, quiet.to + 0.5, end), 'the agent after unmuting: ' + report).toBeGreaterThan(0.9);
    expect(shareIn(timeline.customer, quiet.from + 0.5, end), 'the customer: ' + report).toBeGreaterThan(0.9);
    expect(shareIn(timeline.third, quiet.from + 0.5, end), 'the third party: ' + report).toBeGreaterThan(0.9);
  }
}

describe('recording a mixed call while the agent mutes', () => {
  let server: SipTestServer;
  const apps: AppHost[] = [];
  const opened: Page[] = [];
  let supervisor: Page;
  let supervisorUser: string;

  /** An agent of their own (a fresh data folder) who records calls; the supervisor is their senior target. */
  const recordingAgent = async () => {
    const user = newUser('agent');
    const more = { recordCalls: true, wrapUpSeconds: 0, seniorQueue: supervisorUser, technicalQueue: 'technical1' };
    const { page } = await warmlineDesk(bench(), server, bench().browsers.agent, user, { displayName: 'Ana', ...more }, apps);
    opened.push(page);
    return { user, page, dataDir: join(bench().dir, `${user}-data`) };
  };
  const newCustomer = async () => {
    const customer = await FarEndDriver.open(bench().browsers.agent, bench().pages, server, 'customer', {
      toneHz: TONE_HZ.customer,
    });
    opened.push(customer.page);
    return customer;
  };

  beforeAll(async () => {
    server = await startLabTestServer();
    supervisorUser = newUser('senior');
    const desk = await warmlineDesk(bench(), server, bench().browsers.supervisor, supervisorUser, { supervisor: true }, apps);
    supervisor = desk.page;
    opened.push(supervisor);
  });
  afterAll(() => closeDesks(opened, apps, server, bench().pageErrors));

  it('with a supervisor barging in: the file holds the supervisor and no agent while muted', async () => {
    const agent = await recordingAgent();
    const customer = await newCustomer();
    await customerAnswered(customer, `sip:${agent.user}@${server.domain}`, agent.page);
    await agent.page.getByTestId('recording-indicator').waitFor();
    await superviseFromBoard(supervisor, agent.user, 'Barge in');
    await eventually(
      () => attributeOf(agent.page, 'supervision-indicator', 'data-mode'),
      (m) => m === 'barge',
      "agent's indicator in barge",
    );
    await hears('the customer hears the supervisor', () => customer.hearsTone(TONE_HZ.supervisor));
    const clicks = await talkMuteTalk(agent.page);
    await customer.hangup();
    await agent.page.getByTestId('recording-indicator').waitFor({ state: 'detached' });
    await supervisor.getByTestId('monitor').waitFor({ state: 'detached' });
    await expectMutedInEveryRecording(agent.dataDir, 1, clicks);
  });

  it('in a three-way call: both legs’ files hold the other party and no agent while muted', async () => {
    const agent = await recordingAgent();
    const customer = await newCustomer();
    await answerAndConsult(customer, `sip:${agent.user}@${server.domain}`, agent.page, 'Wants a manager');
    await supervisor.getByRole('button', { name: 'Answer' }).click();
    await agent.page.getByText('You are talking to Senior queue; the customer is on hold.').waitFor();
    await agent.page.getByRole('button', { name: 'Three-way' }).click();
    await agent.page.getByText('Three-way call with the customer and Senior queue.').waitFor();
    await hears('the customer hears the senior', () => customer.hearsTone(TONE_HZ.supervisor));
    const clicks = await talkMuteTalk(agent.page);
    await customer.hangup();
    await supervisor.getByRole('button', { name: 'Hang up' }).click();
    await agent.page.getByTestId('recording-indicator').waitFor({ state: 'detached' });
    // The customer's call and the consult: each leg sent the mix, each is recorded.
    await expectMutedInEveryRecording(agent.dataDir, 2, clicks);
  });
});
