import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SettingsPatch } from '../../shared/settings';
import { SIP_SERVERS, type SipTestServer } from '../support/sip-servers';
import { agentState, callEnds, readyToAvailable, signInAgent } from './desk-actions';
import { useDeskBench } from './desk-bench';
import { eventually, type FarEndDriver } from './phone-engine.harness';

/**
 * Pausing in the queues on a PBX without the lab's queue-control endpoint (Kamailio here): by
 * dialling the PBX's pause / unpause feature codes, or by dropping the registration so the queue
 * has no contact to ring. Either way the agent sees nothing of it but the state they are in.
 */
let server: SipTestServer;
const bench = useDeskBench();

const sessions = (far: FarEndDriver) => far.page.evaluate(() => window.farEnd.sessionCount);
const is = (n: number) => (count: number) => count === n;

const signedInAgent = (extra: SettingsPatch) => signInAgent(bench, server, { wrapUpSeconds: 0, ...extra });

describe.each(SIP_SERVERS.slice(0, 1))('pausing in the queues on %s', (_name, start) => {
  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('feature codes: *46 is dialled once when wrap-up starts and *47 once when it ends, unseen by the agent', async () => {
    // The PBX's feature-code endpoints: they answer, as an Asterisk dialplan running PauseQueueMember does.
    const pause = await bench.farEnd(server, 'fc', { uri: `sip:*46@${server.domain}`, autoAnswer: true });
    const unpause = await bench.farEnd(server, 'fc', { uri: `sip:*47@${server.domain}`, autoAnswer: true });
    const { page, user } = await signedInAgent({ queuePause: 'feature-code', pauseCode: '*46', unpauseCode: '*47' });
    // Signing in while Available tells the PBX so (an app that stopped mid-wrap-up left the agent paused).
    await eventually(() => sessions(unpause), is(1), 'unpause code dialled at sign-in');

    await callEnds(bench, server, page, user);
    await eventually(() => sessions(pause), is(1), 'pause code dialled when wrap-up starts');
    // The feature-code call is not a call of the agent's: nothing rings, nothing to hang up, still in wrap-up.
    expect(await page.getByRole('button', { name: 'Hang up' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Answer' }).count()).toBe(0);
    expect(await agentState(page)).toBe('Status: After-call work');

    await readyToAvailable(page);
    await eventually(() => sessions(unpause), is(2), 'unpause code dialled when wrap-up ends');
    await page.waitForTimeout(2_000);
    expect([await sessions(pause), await sessions(unpause)]).toEqual([1, 2]);
    const history = await bench.app.services.handlers.listHistory({ limit: 10 });
    expect(history.items.map((i) => i.remoteName)).toEqual(['Ana Reyes']);
  });

  it('dropping the registration: during wrap-up the server has no contact for the agent; after Ready calls ring again', async () => {
    const { page, user } = await signedInAgent({ queuePause: 'unregister' });
    await callEnds(bench, server, page, user);

    // Refused by the server (no contact), not by the phone (486): the agent's desk never saw it.
    const early = await bench.customer(server);
    await early.call(`sip:${user}@${server.domain}`);
    const status = await eventually(
      () => early.state().then((s) => s.finalStatus),
      (code) => code !== undefined,
      'the server refuses the call',
    );
    expect([404, 480]).toContain(status);
    expect(await page.getByTestId('registration').textContent()).toBe('Signed in');

    await readyToAvailable(page);
    // The new REGISTER takes a round trip; a call placed before it lands is refused like the first.
    for (let attempt = 1; ; attempt += 1) {
      const later = await bench.customer(server);
      await later.call(`sip:${user}@${server.domain}`);
      const outcome = await eventually(
        async () =>
          (await page.getByRole('button', { name: 'Answer' }).count()) > 0 ? 'rings' : (await later.state()).finalStatus,
        (o) => o !== undefined,
        'the call rings or is refused',
      );
      if (outcome === 'rings') break;
      expect(attempt).toBeLessThan(5);
      await page.waitForTimeout(300);
    }
  });
});
