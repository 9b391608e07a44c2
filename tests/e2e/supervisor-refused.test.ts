import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRotatingLog } from '../../electron/services/logging/rotating-log';
import { SUPERVISE_HEADER } from '../../shared/supervision/request';
import { startAppHost, type AppHost } from '../support/app-host';
import { startLabTestServer, type SipTestServer } from '../support/sip-servers';
import { eventually, FarEndDriver, newUser } from './phone-engine.harness';
import { customerAnswered, signedInWarmline, superviseRequests, textOf, useToneBench } from './warmline-pages.harness';

/**
 * A supervise request the agent's Warmline refuses is logged (issue 16): unsigned, forged,
 * expired, for another call, a mode change signed for another supervisor, replayed. The agent's host writes the same log file as the desktop
 * app (`<data>/logs/warmline.log`, the rotating log), and each refusal must be there, naming the
 * SIP user who asked and why, for the agent or an admin to read. The requests are real INVITEs
 * from a SIP.js page to the agent's Warmline while the agent is on a customer call, on the lab.
 */
/** The content type of a supervision leg's mode INFO (renderer/src/phone/supervision.ts). */
const MODE_CONTENT_TYPE = 'application/x-warmline-supervise';
const bench = useToneBench({ agent: 660 });

describe('refused supervise requests on an agent call', () => {
  let server: SipTestServer;
  let app: AppHost;
  let logFile: string;
  let agent: Page;
  let customer: FarEndDriver;
  let intruder: FarEndDriver;
  let agentUser: string;

  beforeAll(async () => {
    server = await startLabTestServer();
    agentUser = newUser('agent');
    const dataDir = join(bench().dir, `${agentUser}-data`);
    const log = createRotatingLog({ dir: join(dataDir, 'logs') });
    logFile = log.file;
    app = await startAppHost(dataDir, log);
    agent = await signedInWarmline(server, bench().browsers.agent, app, agentUser, { displayName: 'Ana' }, bench().pageErrors);
    customer = await FarEndDriver.open(bench().browsers.agent, bench().pages, server, 'customer', { toneHz: 1250 });
    intruder = await FarEndDriver.open(bench().browsers.agent, bench().pages, server, 'callee', { toneHz: 440 });
    await customerAnswered(customer, `sip:${agentUser}@${server.domain}`, agent);
  });
  afterAll(async () => {
    await intruder?.page.close();
    await customer?.page.close();
    await agent?.close();
    await app?.close();
    await server?.stop();
    expect(bench().pageErrors.splice(0)).toEqual([]);
  });

  /** The log file's supervision refusals, in order. */
  const refusalsLogged = () =>
    readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('supervision: refused'));

  it('each refusal is in the log file with who asked and why; none rang the agent', async () => {
    const { sign, attempt } = superviseRequests(intruder, agentUser, server.domain);
    const status = async (header: string) => (await attempt(header)).finalStatus;
    const valid = await sign({});
    const [payload] = valid.split('.');
    expect(await status(`${payload}.`)).toBe(403);
    expect(await status(await sign({}, 'not-the-team-key'))).toBe(403);
    expect(await status(await sign({ issuedAt: Date.now() - 61_000 }))).toBe(403);
    expect(await status(await sign({ call: 'wl-00000000000000000000000000000000' }))).toBe(403);
    expect(await status(valid)).toBe(200);
    await eventually(
      () => textOf(agent, 'supervision-indicator'),
      (t) => t === `Supervisor ${intruder.user} is listening`,
      "agent's indicator",
    );
    // A mode change signed for another supervisor, sent on this supervisor's leg: refused, answered
    // with the mode unchanged, and logged like the requests above.
    const someoneElses = await sign({ mode: 'barge', supervisor: 'someone-else' });
    expect(await intruder.info(MODE_CONTENT_TYPE, 'mode=barge', [`${SUPERVISE_HEADER}: ${someoneElses}`])).toBe(200);
    await eventually(
      async () => (await intruder.state()).infoBodies,
      (bodies) => bodies.includes('mode=listen;refused=other-supervisor'),
      "the agent's answer to the mode change",
    );
    expect(await textOf(agent, 'supervision-indicator')).toBe(`Supervisor ${intruder.user} is listening`);
    await intruder.hangup();
    await agent.getByTestId('supervision-indicator').waitFor({ state: 'detached' });
    expect(await status(valid)).toBe(403);
    expect(await agent.getByRole('alertdialog', { name: 'Incoming call' }).count()).toBe(0);

    const logged = await eventually(
      async () => refusalsLogged(),
      (lines) => lines.length >= 6,
      'six refusals in the log file',
    );
    const who = `supervision: refused a request from ${intruder.user}`;
    expect(logged.map((line) => line.replace(/^\S+ /, ''))).toEqual(
      ['unsigned', 'bad-signature', 'expired', 'other-call', 'other-supervisor', 'replayed'].map(
        (why) => `ERROR renderer: error: ${who} (${why})`,
      ),
    );
  });
});
