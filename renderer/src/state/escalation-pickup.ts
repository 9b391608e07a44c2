import type { Result } from '../../../shared/result';
import type { CallId, CommandError } from '../phone';
import type { PhoneState } from './phone-state';

/** What picking up needs of the desk (PhoneStore has it). */
export interface PickupDesk {
  subscribe(listener: () => void): () => void;
  getSnapshot(): PhoneState;
  answer(callId: CallId): Promise<{ ok: boolean }>;
}

/** How long a pickup asked of the queue waits for the consult to ring here. */
const PICKUP_WAIT_MS = 20_000;

/** The colleague's escalation consult ringing on this desk, if it does. */
export function consultRingingHere(phone: PhoneState, from: string): CallId | undefined {
  return phone.calls.find((c) => c.call.phase === 'offered' && c.info.colleagueConsult === true && c.info.remote.number === from)
    ?.info.callId;
}

/**
 * Picking up an escalation waiting for me (issue 16). Ringing here (a forking server rings every
 * member): it is answered. Listed in a queue's board (the lab): the queue is asked to offer it
 * here (`pickup <agent>` to its queue-control, electron/lab/README.md), and it is answered when it
 * rings, since the senior asked for exactly that call. Only a consult from that colleague, within
 * a short wait, is answered so.
 */
export class EscalationPickup {
  #expecting: { readonly from: string; readonly until: number } | undefined;

  constructor(
    private readonly desk: PickupDesk,
    private readonly askQueue: (body: string) => Promise<Result<void, CommandError>>,
    private readonly now: () => number = Date.now,
  ) {
    desk.subscribe(() => this.#arrived());
  }

  async pickUp(from: string, listedInQueue: boolean): Promise<'answered' | 'asked' | 'failed'> {
    const here = consultRingingHere(this.desk.getSnapshot(), from);
    if (here) return (await this.desk.answer(here)).ok ? 'answered' : 'failed';
    if (!listedInQueue || !/^[\w.+-]{1,64}$/.test(from)) return 'failed';
    this.#expecting = { from, until: this.now() + PICKUP_WAIT_MS };
    const asked = await this.askQueue(`pickup ${from}`);
    if (!asked.ok) {
      this.#expecting = undefined;
      return 'failed';
    }
    return 'asked';
  }

  #arrived(): void {
    const expecting = this.#expecting;
    if (!expecting) return;
    if (this.now() > expecting.until) {
      this.#expecting = undefined;
      return;
    }
    const here = consultRingingHere(this.desk.getSnapshot(), expecting.from);
    if (!here) return;
    this.#expecting = undefined;
    void this.desk.answer(here);
  }
}

const pickups = new WeakMap<PickupDesk, EscalationPickup>();

/**
 * The desk's one pickup: it outlives the view that asked (a senior's home is replaced by the
 * ringing card exactly when the picked-up consult arrives), and is made on first use, so the
 * code stays out of the app's start.
 */
export function pickupOf(desk: PickupDesk, askQueue: (body: string) => Promise<Result<void, CommandError>>): EscalationPickup {
  let pickup = pickups.get(desk);
  if (!pickup) {
    pickup = new EscalationPickup(desk, askQueue);
    pickups.set(desk, pickup);
  }
  return pickup;
}
