import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/app-host';
import { agrees, type LabDesk } from './lab-desk';
import { useLabDesk } from './lab-desk-bench';
import { eventually, rising } from './phone-engine.harness';

/**
 * Issue 13: the network goes while a queue call rings the agent. The INVITE's transaction died with
 * the agent's connection (the lab withdrew the offer, RFC 3261 §16.7; a response can only go back on
 * the connection the request came on), so the desk must end with either a ringing card whose Answer
 * connects the customer, or no card — never one that Answer cannot pick up.
 */
const bench = useLabDesk({
  // A failure leaves what the lab and the app did in .tmp, for reading afterwards (the data folder goes).
  onFailure(failed, context) {
    const base = join(REPO_ROOT, '.tmp', `ringing-drop-${context.task.name.slice(0, 20).replace(/\W+/g, '-')}`);
    mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
    writeFileSync(`${base}.lab.log`, failed.labLog());
    writeFileSync(`${base}.console.log`, failed.consoleLines.join('\n'));
  },
});
let desk: LabDesk;
beforeEach(async () => {
  desk = bench.desk;
  // The lab holds a newly registered agent for a moment; the call is offered at once after that.
  await eventually(
    () => desk.labAgent(),
    (a) => a.queue === 'available',
    'the agent available in the lab',
  );
});

/** The ringing calls in the desk's store (what the cards show). */
const ringingIds = () =>
  desk.page.evaluate(() =>
    (window as unknown as { warmlineState: () => { calls: { info: { callId: string }; call: { phase: string } }[] } })
      .warmlineState()
      .calls.filter((c) => c.call.phase === 'offered')
      .map((c) => c.info.callId),
  );

/** Customer 0 calls the support queue and the agent's desk rings with it. */
async function ringing(): Promise<{ readonly id: string; readonly connections: readonly number[] }> {
  await desk.customerCalls(0);
  const [id] = await eventually(ringingIds, (ids) => ids.length === 1, 'the call ringing on the desk');
  await eventually(
    () => desk.labAgent(),
    (a) => a.queue === 'ringing',
    'the lab ringing the agent',
  );
  return { id: id!, connections: (await desk.labAgent()).connections };
}

describe('the network goes while a call rings', () => {
  it("the agent's WebSocket drops: the call rings again on the new connection, and Answer connects the customer", async () => {
    const before = await ringing();
    const customer = await desk.customer(0);
    await desk.dropSocket();
    // Back on a new connection, and the lab rings the agent there: the desk shows that call, once.
    await eventually(
      async () => ({ lab: await desk.labAgent(), ids: await ringingIds() }),
      ({ lab, ids }) =>
        lab.queue === 'ringing' &&
        lab.connections.length === 1 &&
        !before.connections.includes(lab.connections[0]!) &&
        ids.length === 1,
      'the call ringing again on the new connection',
      30_000,
    );
    const ids = await ringingIds();
    expect(ids, 'the card of the offer that died with the old connection is gone').not.toContain(before.id);
    expect((await desk.desk()).answerVisible).toBe(true);

    await desk.page.locator(`[data-call-id="${ids[0]!}"] [data-shortcut="answer"]`).click();
    await eventually(
      () => customer.state(),
      (s) => s.session === 'Established',
      'the customer connected',
    );
    await rising(() => customer.inboundBytes(), "the agent's audio at the customer");
    await eventually(
      async () => ({ desk: await desk.desk(), lab: await desk.labAgent() }),
      (v) => v.desk.calls === 1 && v.desk.ringing === 0 && agrees(v.desk, v.lab),
      'one call on the desk, in agreement with the lab',
    );
  });

  it('the lab restarts: the caller is gone with it, and so is the ringing card', async () => {
    const before = await ringing();
    await desk.restartLab();
    // The restarted lab knows no call: nothing may ring on the desk once it is signed in there again.
    await eventually(
      async () => ({ lab: await desk.labAgent(), ids: await ringingIds(), view: await desk.desk() }),
      ({ lab, ids, view }) => lab.registered && view.registered && ids.length === 0 && agrees(view, lab),
      'no ringing card, signed in to the restarted lab and in agreement with it',
      30_000,
    );
    expect(await ringingIds()).not.toContain(before.id);
  });
});
