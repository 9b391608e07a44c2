import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { REPO_ROOT } from '../support/app-host';
import { launchChromium } from '../support/chromium';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { AGENT_STEPS, backToAvailable, checkStep, NETWORK_STEPS, runStep, type RunLog, type Step } from './desk-model';
import { LabDesk } from './lab-desk';
import { eventually } from './phone-engine.harness';

/**
 * Model-based test of issue 13: random sequences of what an agent does and what the network does,
 * against the real desk (the app in Chromium, the embedded lab as `npm start` runs it, SIP.js
 * customers calling the support queue). After every step: a ringing call is on screen with Answer
 * reachable; the status bar agrees with the lab's /status within 2 s; the lab never offered a call
 * the desk had to refuse (wrap-up, break). At the end: Available is reachable, and every finished
 * call is in History exactly once.
 *
 * `npm test` runs a bounded, seeded number of sequences; `npm run model -- --runs 200 --steps 30`
 * the long run (MODEL_RUNS, MODEL_STEPS, MODEL_SEED; its shards set MODEL_PROGRESS, a file name in .tmp, and
 * MODEL_REGRESSIONS=0 but for the first). Progress goes to .tmp/model-progress.log.
 */
const RUNS = Number(process.env.MODEL_RUNS ?? 2);
const STEPS = Number(process.env.MODEL_STEPS ?? 10);
const SEED = Number(process.env.MODEL_SEED ?? 13);
const PROGRESS_FILE = process.env.MODEL_PROGRESS ?? 'model-progress.log';
if (!/^[\w.-]{1,80}$/.test(PROGRESS_FILE)) throw new Error(`MODEL_PROGRESS is a file name in .tmp, not ${PROGRESS_FILE}`);
const PROGRESS = join(REPO_ROOT, '.tmp', PROGRESS_FILE);
const WITH_REGRESSIONS = process.env.MODEL_REGRESSIONS !== '0';

// Weighted: customers call and agents answer often enough for calls to be the common case.
const STEP_WEIGHTS: readonly Step[] = [
  ...AGENT_STEPS,
  ...NETWORK_STEPS,
  'customer-0-calls',
  'customer-1-calls',
  'customer-0-calls',
  'answer',
  'answer',
  'hang-up',
  'ready',
];

/**
 * Fixed sequences run before the random ones: the reproductions in the model's steps (the
 * sign-in change that left the status bar on "reconnecting" for good, the break a restarted lab
 * forgot, a call ringing in Settings behind the form). Shrunk failing sequences join this list.
 */
const REGRESSIONS: readonly (readonly Step[])[] = [
  ['break', 'save-sign-in', 'ready', 'customer-0-calls', 'answer'],
  ['break', 'lab-restarts', 'view-history', 'ready'],
  ['view-settings', 'customer-1-calls', 'answer', 'hang-up', 'ready'],
  // Found by the long run (seed 20261206, sequence 5): a second customer waits while the agent talks;
  // the agent hangs up and the lab offered the waiting call before the phone's pause MESSAGE arrived,
  // so the desk in wrap-up refused it (486). Fixed by the lab's per-queue wrap-up hold.
  ['customer-1-calls', 'answer', 'customer-0-calls', 'hang-up'],
  // Found by the second long run (same seed, sequence 18): in wrap-up, the lab restarts and forgets
  // the pause; a caller was offered right after the phone registered again, before its pause MESSAGE.
  // Fixed by holding a newly registered member like after a call.
  ['customer-0-calls', 'answer', 'customer-0-hangs-up', 'customer-1-calls', 'lab-restarts', 'customer-1-calls'],
  // Found by the long run (same seed, third run, second random sequence): a consult to the senior queue with no
  // senior signed in ends (480) within a few hundred ms, between two looks of the step's wait; the model now also
  // takes the lab's final answer to the consult as the step's end.
  ['customer-1-calls', 'answer', 'escalate', 'hang-up'],
  // The WebSocket drops during a call (issue 14): the call goes on, and the lab keeps the agent busy meanwhile
  // (it used to end the call when the agent's connection closed, and offered the next caller mid-call).
  ['customer-0-calls', 'answer', 'customer-1-calls', 'socket-drops', 'hang-up', 'ready'],
  ['customer-1-calls', 'answer', 'socket-drops', 'customer-1-hangs-up'],
  // The lab restarts during a call: the call ends, and is in History once.
  ['customer-0-calls', 'answer', 'lab-restarts', 'ready'],
  // Found by the fourth long run (same seed, sequence 18): while both customers waited in wrap-up, customer 0
  // called twice (the step had ended on the other caller's queued call before this INVITE left), and a
  // sign-in change came as the waiting calls were offered.
  ['customer-0-calls', 'answer', 'hang-up', 'customer-1-calls', 'customer-0-calls', 'customer-0-calls', 'ready', 'save-sign-in'],
  // Found by the fifth long run (same seed, sequence 171), shrunk by hand: Ready after a call offers the caller
  // who waited meanwhile, and Sign out went disabled between the model's look and its click (a model race: the
  // step now reports 'gone' as Answer does). Its first run as a regression found the other order: the lab's
  // INVITE crossed the phone's un-REGISTER and was refused 486 as if on a break; a phone signing out answers 480.
  ['customer-1-calls', 'answer', 'customer-0-calls', 'hang-up', 'ready', 'sign-out'],
  // The WebSocket drops or the lab restarts while a call rings (issue 13): the card used to stay, Answer could not
  // pick it up, and it made the desk refuse the lab's new offer of the same call (486).
  ['customer-0-calls', 'socket-drops', 'answer', 'customer-0-hangs-up', 'ready'],
  ['customer-1-calls', 'lab-restarts', 'customer-0-calls', 'answer', 'hang-up'],
  // Found by the long run of seed 20261222 (sequence 40), shrunk by hand: a sign-in change saved while a call rings
  // is applied when it ends; Decline ended it, the lab offered the waiting caller on the old connection in that
  // instant, and the closing JsSIP UA dropped the INVITE: the lab showed the agent ringing for 2 s that the desk
  // did not. The closing UA now answers 480 at once (patches/jssip+3.13.8.patch, jssip-closing.test.ts).
  ['customer-0-calls', 'customer-1-calls', 'save-sign-in', 'decline'],
];

let browser: Browser;
let pages: TestPages;
let sequence = 0;

beforeAll(async () => {
  pages = await serveTestPages({ 'far-end': 'tests/support/far-end/sipjs-far-end.ts' });
  browser = await launchChromium();
  mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await pages?.close();
});

function progress(line: string): void {
  appendFileSync(PROGRESS, `${new Date().toISOString()} ${line}\n`);
}

/** One sequence on a fresh desk; throws with the sequence so far when an invariant breaks. */
async function runSequence(steps: readonly Step[]): Promise<void> {
  sequence += 1;
  const started = Date.now();
  const desk = await LabDesk.start(browser, pages);
  const log: RunLog = { declines: 0, lostOffers: 0, steps: [] };
  try {
    await desk.signedIn();
    // Every sequence starts from a settled desk: the lab holds a newly registered agent for a moment (so its
    // pause can arrive first), and a regression's first call is then offered at once instead of by chance.
    await eventually(
      () => desk.labAgent(),
      (a) => a.queue === 'available',
      'the agent available in the lab',
    );
    for (const step of steps) {
      const outcome = await runStep(desk, step, log).catch((error: unknown) => {
        throw new Error(`${step}: ${String(error)}\n  after: ${log.steps.join(' → ')}`);
      });
      log.steps.push(`${step}:${outcome}`);
      const broken = await checkStep(desk, log);
      if (broken) throw new Error(`${broken}\n  after: ${log.steps.join(' → ')}`);
    }
    const end = await backToAvailable(desk, log);
    if (end) throw new Error(`${end}\n  after: ${log.steps.join(' → ')}`);
    if (desk.pageErrors.length > 0) throw new Error(`page errors: ${desk.pageErrors.join('; ')}`);
    progress(
      `sequence ${sequence} ok: ${steps.length} steps in ${Math.round((Date.now() - started) / 1000)} s: ${log.steps.join(' ')}`,
    );
  } catch (error) {
    progress(`sequence ${sequence} FAILED: ${String(error).split('\n').join(' | ')}`);
    // What the lab and the app did, for reading the failure afterwards (the desk's data folder goes with it).
    const base = join(REPO_ROOT, '.tmp', `model-failure-${SEED}-${sequence}`);
    try {
      writeFileSync(`${base}.lab.log`, desk.labLog());
      writeFileSync(`${base}.console.log`, desk.consoleLines.join('\n'));
    } catch {
      // Nothing to keep: the report above is what there is.
    }
    throw error;
  } finally {
    await desk.close();
  }
}

describe('the desk against the lab, step by step (model-based)', () => {
  for (const steps of WITH_REGRESSIONS ? REGRESSIONS : []) {
    it(`regression: ${steps.join(' → ')}`, () => runSequence(steps), 180_000);
  }

  it(
    `${RUNS} random sequences of ${STEPS} steps (seed ${SEED})`,
    async () => {
      progress(`start: runs ${RUNS}, steps ${STEPS}, seed ${SEED}`);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.constantFrom(...STEP_WEIGHTS), { minLength: STEPS, maxLength: STEPS }), runSequence),
        // Shrinking replaces steps by the first one (a view switch, harmless) and drops none: the
        // shrunk sequence keeps its length, with only the steps that matter left different.
        { seed: SEED, numRuns: RUNS, endOnFailure: process.env.MODEL_SHRINK !== '1' },
      );
      progress(`done: ${RUNS} sequences passed`);
    },
    // Each sequence: a fresh desk (a few seconds) and up to a couple of seconds a step.
    RUNS * (20_000 + STEPS * 6_000) + 60_000,
  );
});
