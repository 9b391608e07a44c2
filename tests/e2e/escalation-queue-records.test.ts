import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../support/csv';
import { snap } from '../support/screenshots';
import {
  agentState,
  closeStory,
  customerLine,
  customerOnTheLine,
  fillEscalation,
  labShipped,
  openQueueBench,
  signedInDesk,
  type QueueBench,
  type QueueTopology,
} from './escalation-queue.harness';
import { eventually, rising, type FarEndDriver } from './phone-engine.harness';

/**
 * The lab's senior queue set to let consults wait (as a server that ignores RFC 3841's no-queue
 * does): with every senior on a break the agent sees the consult queued, with its time, and
 * cancels back to the customer. A senior comes back and takes the next escalation, which the agent
 * completes. History then tells both apart (cancelled, transferred), on screen and in the CSV.
 */
let bench: QueueBench;
let topology: QueueTopology | undefined;

beforeAll(async () => {
  bench = await openQueueBench();
});
afterAll(async () => {
  await bench?.close();
});
afterEach(async () => {
  await closeStory(bench);
  await topology?.stop();
  expect(bench.pageErrors.splice(0)).toEqual([]);
});

const consultsWait = () =>
  labShipped((config) => ({
    ...config,
    queues: config.queues.map((q) => (q.name === 'senior' ? { ...q, consultsWait: true } : q)),
  }));

async function wrapUp(agent: Page): Promise<void> {
  const form = agent.getByRole('form', { name: 'After-call work' });
  const disposition = form.getByLabel('Disposition');
  if ((await disposition.inputValue()) === '') await disposition.selectOption('resolved');
  await form.getByRole('button', { name: 'Ready' }).click();
  await eventually(
    () => agentState(agent),
    (t) => t === 'Status: Available',
    'agent available again',
  );
}

async function backOnTheCall(agent: Page, customer: FarEndDriver): Promise<void> {
  await eventually(
    () => agentState(agent),
    (t) => t === 'Status: On a call',
    'agent back on the call',
  );
  await rising(() => customer.inboundBytes(), 'audio to the customer again');
}

describe('a consult that waits in the queue, and the records of two escalations', () => {
  it('the agent sees it queued with its time, cancels back to the customer; History and the CSV tell cancelled from transferred', async () => {
    topology = await consultsWait();
    const { page: agent } = await signedInDesk(bench, bench.agentBrowser, topology, topology.agent, 'Ana Agent');
    const seniors: Page[] = [];
    for (const [i, account] of topology.seniors.entries())
      seniors.push((await signedInDesk(bench, bench.seniorBrowser, topology, account, `Sam Senior ${i + 1}`)).page);
    for (const senior of seniors) {
      await senior.locator('#break-reason').selectOption('meeting');
      await eventually(
        () => agentState(senior),
        (t) => t?.startsWith('Status: On a break') ?? false,
        'senior on a break',
      );
    }
    const customer = await customerLine(bench, topology, 0);

    // 1. Every senior on a break: the consult waits in the queue (182 Queued), its time running.
    await customerOnTheLine(agent, customer, topology);
    await fillEscalation(agent);
    await agent.getByRole('button', { name: 'Consult (customer on hold)' }).click();
    const bar = agent.getByTestId('consult-bar');
    await eventually(
      () => bar.getAttribute('data-consult-state'),
      (s) => s === 'queued',
      'the consult queued',
    );
    const status = bar.locator('.consult-status');
    await eventually(
      () => status.textContent(),
      (t) => /^Waiting in Senior queue for a free member \(0:0[2-9]\)… the customer is on hold\.$/.test(t ?? ''),
      'queued for two seconds or more, and shown so',
    );
    await snap(agent, 'queue-consult-queued-lab');
    await agent.getByRole('button', { name: 'Cancel consult' }).click();
    await backOnTheCall(agent, customer);
    await agent.getByRole('button', { name: 'Hang up' }).click();
    await wrapUp(agent);

    // 2. A senior is back: the next escalation rings them, they take it, the agent completes.
    await seniors[0]!.getByRole('button', { name: 'Available' }).click();
    await eventually(
      () => agentState(seniors[0]!),
      (t) => t === 'Status: Available',
      'the senior available',
    );
    await customerOnTheLine(agent, customer, topology);
    await fillEscalation(agent);
    await agent.getByRole('button', { name: 'Consult (customer on hold)' }).click();
    await seniors[0]!.getByTestId('handoff-card').waitFor();
    await seniors[0]!.getByRole('button', { name: 'Answer' }).click();
    await agent.getByText('You are talking to Senior queue; the customer is on hold.').waitFor();
    await agent.getByRole('button', { name: 'Complete transfer' }).click();
    await eventually(
      () => agentState(agent),
      (t) => t === 'Status: After-call work',
      'agent in wrap-up after the transfer',
    );
    await wrapUp(agent);

    // 3. History: one row per call, each with what became of its escalation.
    await agent.getByRole('button', { name: 'History', exact: true }).click();
    const rows = agent.getByTestId('history-row');
    await eventually(
      () => rows.allTextContents(),
      (texts) => texts.length === 2,
      'both calls in History',
    );
    const texts = await rows.allTextContents();
    expect(texts.filter((t) => t.includes('Transferred to Senior queue'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Consult with Senior queue cancelled'))).toHaveLength(1);
    await snap(agent, 'queue-history-outcomes-lab');

    const [download] = await Promise.all([
      agent.waitForEvent('download'),
      agent.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const [header = [], ...lines] = parseCsv(readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, ''));
    const cell = (line: readonly string[], name: string) => line[header.indexOf(name)];
    expect(header).toEqual(expect.arrayContaining(['Escalation target', 'Escalation outcome', 'Outcome reason']));
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => cell(l, 'Escalation outcome')).sort()).toEqual(['cancelled', 'transferred']);
    expect(lines.map((l) => cell(l, 'Escalation target'))).toEqual(['senior queue', 'senior queue']);
  });
});
