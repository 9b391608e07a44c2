import type { Locator } from 'playwright-core';
import { agrees, AGENT, type DeskView, type LabAgentView, type LabDesk } from './lab-desk';
import { eventually } from './phone-engine.harness';

/**
 * The model-based test's vocabulary (issue 13): what an agent does and what the network does,
 * each a step run against the real desk (the app in Chromium, the embedded lab, SIP.js customers).
 * A step that makes no sense in the state the desk is in (Answer with nothing ringing) is skipped,
 * so any sequence fast-check generates or shrinks to can run. Steps wait on conditions, never on time.
 */
export const AGENT_STEPS = [
  'view-phone',
  'view-history',
  'view-settings',
  'shortcut-sheet',
  'escalation-panel',
  'save-settings',
  'save-sign-in',
  'break',
  'ready',
  'sign-out',
  'sign-in',
  'answer',
  'decline',
  'hang-up',
  'escalate',
  'cancel-consult',
] as const;
export const NETWORK_STEPS = [
  'customer-0-calls',
  'customer-1-calls',
  'customer-0-hangs-up',
  'customer-1-hangs-up',
  'socket-drops',
  'lab-restarts',
] as const;
export type Step = (typeof AGENT_STEPS)[number] | (typeof NETWORK_STEPS)[number];

/** How far apart the status bar and the lab may be, and how long a ringing call may take to show. */
export const AGREEMENT_MS = 2_000;

interface StoreView {
  readonly registration: string;
  readonly agent: string;
  readonly calls: readonly {
    readonly id: string;
    readonly phase: string;
    readonly consult: boolean;
    readonly queue?: string;
    /** Set while the call's signalling or audio is being recovered (issue 14). */
    readonly network?: string;
  }[];
}

/** What the sequence did that the invariants count on. */
export interface RunLog {
  declines: number;
  /**
   * Offers the lab was ringing the agent with when it restarted: each ends on the desk either as a call the
   * caller gave up (the lab's CANCEL got out before it closed: in History) or as an offer lost with the connection
   * (not in History), so History may have that many fewer calls.
   */
  lostOffers: number;
  readonly steps: string[];
}

const storeView = (desk: LabDesk): Promise<StoreView> =>
  desk.page.evaluate(() => {
    const state = (
      window as unknown as {
        warmlineState: () => {
          registration: { state: string };
          agent: { kind: string };
          calls: {
            info: { callId: string; queue?: { name: string } };
            call: { phase: string };
            consultFor?: string;
            network?: string;
          }[];
        };
      }
    ).warmlineState();
    return {
      registration: state.registration.state,
      agent: state.agent.kind,
      calls: state.calls.map((c) => ({
        id: c.info.callId,
        phase: c.call.phase,
        consult: c.consultFor !== undefined,
        ...(c.info.queue ? { queue: c.info.queue.name } : {}),
        ...(c.network ? { network: c.network } : {}),
      })),
    };
  });

const until = <T>(read: () => Promise<T>, check: (v: T) => boolean, what: string, ms = 15_000) =>
  eventually(read, check, what, ms);

const sheetOpen = (desk: LabDesk) => desk.page.locator('dialog.shortcut-sheet').isVisible();
const currentView = (desk: LabDesk) =>
  desk.page.evaluate(() => document.querySelector('.views button[aria-pressed="true"]')?.getAttribute('data-shortcut') ?? '');

async function showView(desk: LabDesk, view: 'phone' | 'history' | 'settings'): Promise<boolean> {
  if (await sheetOpen(desk)) return false;
  if ((await currentView(desk)) === view) return true;
  await desk.page.locator(`.views [data-shortcut="${view}"]`).click();
  await until(
    () => currentView(desk),
    (v) => v === view,
    `the ${view} view`,
  );
  return true;
}

async function saveSettings(desk: LabDesk, field: 'defaultCountry' | 'displayName', a: string, b: string): Promise<string> {
  if (!(await showView(desk, 'settings'))) return 'skipped';
  const input = desk.page.locator(`form.settings-form input[name="${field}"]`);
  await input.fill((await input.inputValue()) === a ? b : a);
  await desk.page.locator('form.settings-form button[type="submit"]').click();
  await desk.page.locator('form.settings-form .save-status.saved').waitFor();
  return 'done';
}

/**
 * What the network step finds: calls ringing on the desk, and the calls up (answered or dialling). A consult being
 * set up or on is left out of network steps (the escalation's own recovery is not modelled here).
 */
function networkScope(s: StoreView): { readonly offered: string[]; readonly up: string[] } | undefined {
  if (s.calls.some((c) => c.consult)) return undefined;
  return {
    offered: s.calls.filter((c) => c.phase === 'offered').map((c) => c.id),
    up: s.calls.filter((c) => c.phase !== 'offered').map((c) => c.id),
  };
}

/**
 * Issue 13: a call that rang when the connection went leaves the desk (its INVITE went with the connection), and
 * once the desk is signed in again the lab offers it again, as a new card, unless the caller is gone (a restarted
 * lab forgets its callers): never a card Answer cannot pick up. That the new card is a call the lab rings is the
 * status invariant's (see `agrees`); that its Answer connects is the answer step's.
 */
async function offeredAgain(desk: LabDesk, offered: readonly string[]): Promise<void> {
  if (offered.length === 0) return;
  await until(
    () => storeView(desk),
    (s) => !s.calls.some((c) => offered.includes(c.id)),
    'the card of the offer lost with the connection gone',
    30_000,
  );
  await until(
    () => storeView(desk),
    (s) => s.registration === 'registered',
    'signed in again',
    30_000,
  );
  await until(
    async () => ({ s: await storeView(desk), queued: (await desk.queuedFrom(0)) || (await desk.queuedFrom(1)) }),
    ({ s, queued }) => ringing(s).length > 0 || !queued,
    'the caller offered again',
    30_000,
  );
}

/** The customers (0, 1) connected to the agent now. */
async function establishedCustomers(desk: LabDesk): Promise<number[]> {
  const up: number[] = [];
  for (const n of desk.customerNumbers()) if ((await (await desk.customer(n)).state()).session === 'Established') up.push(n);
  return up;
}

/**
 * Clicks a control that may go away or be disabled at any moment by what the network does (a queued call starts
 * ringing and Sign out, Break and Available go disabled; the customer gives up and Answer goes): a short wait,
 * and false when it went, so the step reports 'gone' and the model reads the state again.
 */
const clickUnlessGone = (target: Locator): Promise<boolean> =>
  target.click({ timeout: 2_000 }).then(
    () => true,
    () => false,
  );

const ringing = (s: StoreView) => s.calls.filter((c) => c.phase === 'offered' && !c.consult);
/** The customer call's phases in which its card's Hang up ends the consult leg (shared/call hangUpEndsConsult; no senior answers in the model). */
const CONSULT_LEG_PHASES: readonly string[] = ['consult-ringing', 'customer-left'];
const customerCall = (s: StoreView) => s.calls.find((c) => !c.consult && c.phase !== 'offered');

/** Runs one step; returns what it did ('skipped' when it did not apply). */
export async function runStep(desk: LabDesk, step: Step, log: RunLog): Promise<string> {
  const page = desk.page;
  const before = await storeView(desk);
  switch (step) {
    case 'view-phone':
    case 'view-history':
    case 'view-settings':
      return (await showView(desk, step.slice('view-'.length) as 'phone' | 'history' | 'settings')) ? 'done' : 'skipped';
    case 'shortcut-sheet': {
      if (await sheetOpen(desk)) {
        await page.keyboard.press('Escape');
        await until(
          () => sheetOpen(desk),
          (open) => !open,
          'the sheet closed',
        );
        return 'closed';
      }
      if (ringing(before).length > 0) return 'skipped';
      if (!(await clickUnlessGone(page.locator('.shortcuts-button')))) return 'gone';
      // A queued call may start ringing meanwhile, and a ringing call comes before the sheet (seed 20261206,
      // sixth long run, random sequence 15).
      const after = await until(
        async () => ({ open: await sheetOpen(desk), s: await storeView(desk) }),
        (v) => v.open || ringing(v.s).length > 0,
        'the sheet open',
      );
      return after.open ? 'opened' : 'a call came first';
    }
    case 'escalation-panel': {
      const panel = page.locator('.escalation-panel');
      if (await panel.isVisible()) {
        await panel.press('Escape');
        await panel.waitFor({ state: 'hidden' });
        return 'closed';
      }
      const call = customerCall(before);
      if (!call || call.phase !== 'active' || !(await showView(desk, 'phone'))) return 'skipped';
      await page.locator('[data-shortcut="escalate"]').first().click();
      await panel.waitFor();
      return 'opened';
    }
    case 'save-settings':
      return saveSettings(desk, 'defaultCountry', 'NL', 'BE');
    case 'save-sign-in':
      return saveSettings(desk, 'displayName', 'Agent 1001 (first line)', 'Agent 1001 (late shift)');
    case 'break': {
      const select = page.locator('#break-reason');
      if ((await sheetOpen(desk)) || !(await select.isVisible()) || (await select.isDisabled())) return 'skipped';
      const chosen = await select.selectOption('short', { timeout: 2_000 }).then(
        () => true,
        () => false,
      );
      if (!chosen) return 'gone';
      await until(
        () => storeView(desk),
        (s) => s.agent === 'break' || s.calls.length > 0,
        'on a break',
      );
      return 'done';
    }
    case 'ready': {
      if (await sheetOpen(desk)) return 'skipped';
      if (before.agent === 'wrap-up') {
        if (!(await showView(desk, 'phone'))) return 'skipped';
        if (!(await clickUnlessGone(page.locator('form.wrap-up-form [data-shortcut="ready"]')))) return 'gone';
        await until(
          () => storeView(desk),
          (s) => s.agent !== 'wrap-up',
          'wrap-up finished',
        );
        return 'wrap-up done';
      }
      const available = page.locator('[data-shortcut="available"]');
      if (!(await available.isVisible()) || (await available.isDisabled())) return 'skipped';
      if (!(await clickUnlessGone(available))) return 'gone';
      await until(
        () => storeView(desk),
        (s) => s.agent !== before.agent || s.calls.length > 0,
        'available',
      );
      return 'available';
    }
    case 'sign-out': {
      const button = page.locator('[data-action="sign-out"]');
      if ((await sheetOpen(desk)) || !(await button.isVisible()) || (await button.isDisabled())) return 'skipped';
      // Seed 20261206, fifth long run, sequence 171: a queued call started ringing between this check and the
      // click, and Sign out went disabled under it; or between Playwright's look and its mouse-up, and the click
      // landed on a disabled button (no sign-out, the call rings on).
      if (!(await clickUnlessGone(button))) return 'gone';
      const after = await until(
        () => storeView(desk),
        (s) => s.registration === 'stopped' || s.calls.length > 0,
        'signed out',
      );
      return after.registration === 'stopped' ? 'done' : 'a call came first';
    }
    case 'sign-in': {
      const button = page.locator('[data-action="sign-in"]');
      if ((await sheetOpen(desk)) || !(await button.isVisible())) return 'skipped';
      if (!(await clickUnlessGone(button))) return 'gone';
      await until(
        () => storeView(desk),
        (s) => s.registration === 'registered',
        'signed in',
      );
      return 'done';
    }
    case 'answer':
    case 'decline': {
      const call = ringing(before)[0];
      if (!call) return 'skipped';
      const button = page.locator(`[data-call-id="${call.id}"] [data-shortcut="${step}"]`);
      // The call may stop ringing on its own (the customer gave up, the queue's ring timeout) at any moment.
      if (!(await clickUnlessGone(button))) return 'gone';
      if (step === 'decline') log.declines += 1;
      const after = await until(
        () => storeView(desk),
        (s) => !s.calls.some((c) => c.id === call.id && c.phase === 'offered'),
        `the call ${step === 'answer' ? 'answered' : 'declined'}`,
      );
      // Answered on the desk: a customer is connected by it (issue 13: a card whose Answer picked up nothing).
      if (step === 'answer' && after.calls.some((c) => c.id === call.id))
        await until(
          () => establishedCustomers(desk),
          (up) => up.length > 0,
          'a customer connected by Answer',
        );
      return 'done';
    }
    case 'hang-up': {
      const call = customerCall(before);
      if (!call || !(await showView(desk, 'phone'))) return 'skipped';
      // Hang up ends whom the agent is talking to (shared/call hangUpEndsConsult): with a consult under way
      // and the customer on hold, the consult leg (the customer stays, on hold); otherwise the call. The
      // consult may also fail on its own (480, no senior) just before the click: then the call ends, which
      // leaves no consult leg either.
      const atClick = await storeView(desk);
      const phase = customerCall(atClick)?.phase ?? '';
      const endsLeg = CONSULT_LEG_PHASES.includes(phase) && atClick.calls.some((c) => c.consult);
      if (!(await clickUnlessGone(page.locator('.call-stack [data-shortcut="hangup"]').first()))) return 'gone';
      await until(
        () => storeView(desk),
        (s) => (endsLeg ? !s.calls.some((c) => c.consult) : !s.calls.some((c) => c.id === call.id)),
        endsLeg ? 'the consult leg hung up' : 'hung up',
      );
      return 'done';
    }
    case 'escalate': {
      const call = customerCall(before);
      if (!call || call.phase !== 'active' || before.calls.some((c) => c.consult) || !(await showView(desk, 'phone')))
        return 'skipped';
      const panel = page.locator('.escalation-panel');
      if (!(await panel.isVisible())) await page.locator('[data-shortcut="escalate"]').first().click();
      await panel.getByLabel('Why').selectOption('wants-higher-authority');
      await panel.getByLabel('Summary in one line').fill('Wants a manager');
      const consultsEnded = () =>
        desk
          .labEvents('sip-transaction')
          .filter(
            (e) => e.method === 'INVITE' && String(e.to).startsWith('sip:senior@') && ![401, 407].includes(Number(e.status)),
          ).length;
      const ended = consultsEnded();
      await panel.getByRole('button', { name: 'Consult (customer on hold)' }).click();
      // The consult rings the senior queue; with no senior signed in the lab answers 480 at once, so the
      // consult call may come and go between two looks: the lab's final answer to it counts as well.
      await until(
        async () => ({ s: await storeView(desk), ended: consultsEnded() }),
        ({ s, ended: now }) => s.calls.some((c) => c.consult) || !s.calls.some((c) => c.id === call.id) || now > ended,
        'the consult call',
      );
      return 'done';
    }
    case 'cancel-consult': {
      if (!before.calls.some((c) => c.consult) || !(await showView(desk, 'phone'))) return 'skipped';
      if (!(await clickUnlessGone(page.locator('[data-shortcut="cancel-consult"]').first()))) return 'gone';
      await until(
        () => storeView(desk),
        (s) => !s.calls.some((c) => c.consult),
        'the consult ended',
      );
      return 'done';
    }
    case 'customer-0-calls':
    case 'customer-1-calls': {
      const n = step === 'customer-0-calls' ? 0 : 1;
      const far = await desk.customer(n);
      const session = (await far.state()).session;
      if (session === 'Establishing' || session === 'Established') return 'skipped';
      await desk.customerCalls(n);
      // In the queue: rung or waiting there (182) while the agent cannot take it; or already answered or
      // refused. This customer's own call: another one waiting does not count, or the step could end before
      // this INVITE left and the next customer-N-calls would start a second call from the same customer
      // (seed 20261206, fourth long run, sequence 18).
      await until(
        async () => ({ far: await far.state(), queued: await desk.queuedFrom(n) }),
        (v) => v.queued || v.far.session === 'Established' || v.far.session === 'Terminated',
        'the call in the queue',
      );
      return 'done';
    }
    case 'customer-0-hangs-up':
    case 'customer-1-hangs-up': {
      const far = await desk.customer(step === 'customer-0-hangs-up' ? 0 : 1);
      const session = (await far.state()).session;
      if (session !== 'Establishing' && session !== 'Established') return 'skipped';
      await far.hangup();
      await until(
        () => far.state(),
        (s) => s.session === 'Terminated',
        'the customer gone',
      );
      return 'done';
    }
    case 'socket-drops': {
      const scope = networkScope(before);
      if (before.registration !== 'registered' || !scope) return 'skipped';
      const { offered, up } = scope;
      const talking = await establishedCustomers(desk);
      const connections = (await desk.labAgent()).connections;
      await desk.dropSocket();
      // Noticed: the desk says so, or (with a call up the phone reconnects at once) it is already back on a
      // new connection.
      await until(
        async () => ({ s: await storeView(desk), lab: await desk.labAgent() }),
        ({ s, lab }) =>
          s.registration !== 'registered' ||
          (lab.connections.length > 0 && lab.connections.every((c) => !connections.includes(c))),
        'the drop noticed',
      );
      await offeredAgain(desk, offered);
      if (up.length === 0) return offered.length > 0 ? 'done while ringing' : 'done';
      // Issue 14: the calls survive it. The phone reconnects, registers again and re-INVITEs (its audio
      // path recovered); the lab gives the call the new connection, so the customer is still connected.
      const after = await until(
        () => storeView(desk),
        (s) =>
          !up.every((id) => s.calls.some((c) => c.id === id)) ||
          (s.registration === 'registered' && s.calls.every((c) => !up.includes(c.id) || c.network === undefined)),
        'the calls recovered after the drop',
        30_000,
      );
      if (!up.every((id) => after.calls.some((c) => c.id === id))) throw new Error('a call ended with a dropped WebSocket');
      for (const n of talking)
        if ((await (await desk.customer(n)).state()).session !== 'Established')
          throw new Error(`customer ${n} lost the call with the agent's dropped WebSocket`);
      return 'done during a call';
    }
    case 'lab-restarts': {
      const scope = networkScope(before);
      if (!scope) return 'skipped';
      const { offered, up } = scope;
      if (offered.length > 0 || (await desk.labAgent()).queue === 'ringing') log.lostOffers += 1;
      await desk.restartLab();
      await offeredAgain(desk, offered);
      if (up.length === 0) return offered.length > 0 ? 'done while ringing' : 'done';
      // The restarted lab knows no dialog: the phone's re-INVITE after signing in again gets 481 and the call
      // ends (once in History: checked at the end of the sequence).
      await until(
        () => storeView(desk),
        (s) => !s.calls.some((c) => up.includes(c.id)),
        'the calls ended by the restart',
        30_000,
      );
      return 'ended calls';
    }
    default:
      throw new Error(`unknown step ${String(step satisfies never)}`);
  }
}

/** Invariant: every call the store knows to be ringing is on screen with Answer reachable, in the next frame. */
async function ringingIsVisible(desk: LabDesk): Promise<string | undefined> {
  return desk.page.evaluate(async () => {
    const state = (
      window as unknown as {
        warmlineState: () => {
          calls: { info: { callId: string; replaces?: string }; call: { phase: string }; consultFor?: string }[];
        };
      }
    ).warmlineState();
    const offered = state.calls
      .filter((c) => c.call.phase === 'offered' && !c.consultFor && !c.info.replaces)
      .map((c) => c.info.callId);
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    const still = (
      window as unknown as { warmlineState: () => { calls: { info: { callId: string }; call: { phase: string } }[] } }
    )
      .warmlineState()
      .calls.filter((c) => c.call.phase === 'offered')
      .map((c) => c.info.callId);
    for (const id of offered.filter((o) => still.includes(o))) {
      const answer = document.querySelector(`[data-call-id="${CSS.escape(id)}"] [data-shortcut="answer"]`);
      if (!(answer instanceof HTMLElement) || answer.closest('[hidden], [inert]'))
        return `ringing call ${id} has no Answer on screen`;
      const box = answer.getBoundingClientRect();
      if (box.width === 0 || box.bottom <= 0 || box.top >= innerHeight) return `ringing call ${id}: Answer is off screen`;
      const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (top !== answer && !answer.contains(top))
        return `ringing call ${id}: Answer is covered by ${top?.className ?? 'nothing'}`;
    }
    return undefined;
  });
}

/** Invariant: the status bar and the lab agree within AGREEMENT_MS (both ways: polled until they do). */
async function statusAgrees(desk: LabDesk): Promise<string | undefined> {
  const deadline = Date.now() + AGREEMENT_MS;
  let last: { desk: DeskView; lab: LabAgentView } | undefined;
  for (;;) {
    last = { desk: await desk.desk(), lab: await desk.labAgent() };
    if (agrees(last.desk, last.lab)) return undefined;
    if (Date.now() > deadline) return `status bar and lab disagree: ${JSON.stringify(last)}`;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Refusals (486) of offers that crossed the agent's own pause on the wire: the lab sent the INVITE before the pause
 * MESSAGE reached it, and the pause did reach it within AGREEMENT_MS. Nothing can prevent that in SIP (found by the
 * long run of seed 20261231, sequence 84: Break pressed as an offer went out, 33 ms apart); the lab did not ignore
 * the agent's state, and a pause that never arrives is caught by statusAgrees.
 */
function refusalsCrossingPause(desk: LabDesk): number {
  const at = (e: Record<string, unknown>): number => Date.parse(String(e.ts));
  const offers = desk
    .labEvents('queue-offer')
    .filter((e) => e.agent === AGENT)
    .map(at);
  const pauses = desk
    .labEvents('agent-control')
    .filter((e) => e.user === AGENT && /^(pause|logout)\b/.test(String(e.command)))
    .map(at);
  return desk
    .labEvents('queue-no-answer')
    .filter((e) => e.agent === AGENT && e.status === 486)
    .filter((refusal) => {
      const offer = offers.filter((t) => t <= at(refusal)).at(-1);
      return offer !== undefined && pauses.some((p) => p >= offer && p - offer <= AGREEMENT_MS);
    }).length;
}

/** Invariant: the lab never rang the agent while the desk was not taking calls (a 486 the agent did not choose). */
function noOfferRefused(desk: LabDesk, log: RunLog): string | undefined {
  const busy =
    desk.labEvents('queue-no-answer').filter((e) => e.agent === AGENT && e.status === 486).length - refusalsCrossingPause(desk);
  return busy > log.declines
    ? `the lab offered ${busy - log.declines} call(s) the desk refused (wrap-up, break or offline)`
    : undefined;
}

/** The invariants checked after every step; the first broken one, in words. */
export async function checkStep(desk: LabDesk, log: RunLog): Promise<string | undefined> {
  return (await ringingIsVisible(desk)) ?? (await statusAgrees(desk)) ?? noOfferRefused(desk, log);
}

/**
 * The end of a sequence: from whatever state it left, the agent gets back to Available (hang up,
 * customers gone, wrap-up done, signed in, Available), and then every finished call is in History
 * exactly once.
 */
export async function backToAvailable(desk: LabDesk, log: RunLog): Promise<string | undefined> {
  const page = desk.page;
  if (await sheetOpen(desk)) await page.keyboard.press('Escape');
  for (const n of [0, 1]) await runStep(desk, n === 0 ? 'customer-0-hangs-up' : 'customer-1-hangs-up', log);
  await until(
    () => storeView(desk),
    (s) => s.calls.length === 0,
    'no calls left',
    20_000,
  );
  if ((await storeView(desk)).registration === 'stopped') await runStep(desk, 'sign-in', log);
  await until(
    () => storeView(desk),
    (s) => s.registration === 'registered',
    'signed in',
    30_000,
  );
  await runStep(desk, 'ready', log);
  await runStep(desk, 'ready', log);
  await until(
    () => storeView(desk),
    (s) => s.agent === 'available',
    'Available reached',
    20_000,
  ).catch(() => undefined);
  const end = await storeView(desk);
  if (end.agent !== 'available') return `Available not reachable: the agent stays ${end.agent}`;
  const agreement = await statusAgrees(desk);
  if (agreement) return agreement;
  // History: each call the lab offered the agent and the desk did not refuse, once. An offer the lab withdrew
  // because the agent's connection dropped (480, see TransactionLayer.dropConnection) never reached the desk:
  // the socket closed as the INVITE went out (seed 20261206, sequence 36 of the first long run); the lab offers
  // that caller again once the phone is back.
  const withdrawn = desk.labEvents('queue-no-answer').filter((e) => e.agent === AGENT && e.status === 480).length;
  const offered = desk.labEvents('queue-offer').filter((e) => e.agent === AGENT).length - withdrawn;
  const refused = desk.labEvents('queue-no-answer').filter((e) => e.agent === AGENT && e.status === 486).length - log.declines;
  const expected = offered - refused;
  const history = await until(
    () => desk.historyCallIds(),
    (ids) => ids.length >= expected,
    'history written',
    5_000,
  ).catch(() => desk.historyCallIds());
  if (new Set(history).size !== history.length) return `a call is in History twice: ${JSON.stringify(history)}`;
  if (history.length > expected || history.length < expected - log.lostOffers)
    return `History has ${history.length} calls, the lab offered ${expected}${log.lostOffers ? ` (${log.lostOffers} lost with a restart)` : ''}`;
  return undefined;
}
