import { parseNameAddr } from '../sip/fields.js';
import { getHeader } from '../sip/headers.js';
import { uriUser } from '../sip/uri.js';
import type { Header, SipResponse } from '../sip/types.js';
import type { LabConfig, QueueConfig } from '../config.js';
import type { LabLogger } from '../log.js';
import { prepareForward, type Target } from '../proxy/forward.js';
import type { ClientTxn, ServerTxn, TransactionLayer } from '../proxy/transactions.js';
import type { AgentBoard } from './agents.js';

/** Headers on the INVITE the ACD sends to an agent; documented in electron/lab/README.md. */
export const QUEUE_HEADER = 'X-Warmline-Queue';
export const QUEUE_WAIT_HEADER = 'X-Warmline-Queue-Wait';

interface WaitingCall {
  readonly id: number;
  readonly queue: QueueConfig;
  readonly st: ServerTxn;
  readonly enqueuedAt: number;
  /**
   * Members that declined or did not answer: not rung again until the agents change (a queued customer), or never
   * for this call (a no-queue consult, whose caller wants a final answer once every member has had the offer).
   */
  readonly tried: Set<string>;
  /**
   * The caller asked not to wait (RFC 3841 `Request-Disposition: no-queue`; Warmline sends it on an
   * escalation consult, whose customer is on hold): when no member is free, or every member
   * declined or let it ring out, the caller gets a final answer with the reason at once.
   */
  readonly noQueue: boolean;
  /** The last member's refusal (603/486 with its Reason), for a no-queue caller that runs out of members. */
  lastRefusal: SipResponse | null;
  /** `rangOut`: the ring timeout fired (no answer), as opposed to the member answering with a final status. */
  ringing: { agent: string; ct: ClientTxn; timer: NodeJS.Timeout; rangOut: boolean } | null;
  /** Members that let this (queued) call ring out: tried again when `ringAgainTimer` fires, if still free. */
  readonly rangOut: Set<string>;
  ringAgainTimer: NodeJS.Timeout | null;
  /** A member picked this call up while it rang elsewhere: offered to them once that ring is cancelled. */
  pickedBy: string | null;
  /** Max wait passed while an agent was ringing: that ring may still be answered, then the caller gets 480. */
  expired: boolean;
  queuedSent: boolean;
  /** The caller has had its final answer (or will get the agent's 2xx); late branch answers change nothing. */
  done: boolean;
  waitTimer: NodeJS.Timeout | null;
  /** A no-queue consult waiting for a member's wrap-up hold to end (see nobodyRinging). */
  settleTimer: NodeJS.Timeout | null;
}

export interface QueueDeps {
  readonly txns: TransactionLayer;
  readonly board: AgentBoard;
  readonly targetOf: (user: string) => Target | null;
  readonly recordRoute: string;
  readonly inviteTimeoutMs: number;
  readonly onAnswered: (st: ServerTxn, agent: string, target: Target, resp: SipResponse) => void;
  readonly log: LabLogger;
}

/**
 * Automatic call distribution as a serial-forking proxy (RFC 3261 §16.6 allows sequential search): the caller's
 * INVITE transaction stays open while the lab rings one member at a time, so the answering agent's 2xx, its
 * Record-Route and the later ACK and BYE flow end to end exactly as for a direct call.
 */
export class QueueEngine {
  private readonly waiting: WaitingCall[] = [];
  private readonly rrIndex = new Map<string, number>();
  private nextId = 1;

  constructor(
    private readonly config: LabConfig,
    private readonly deps: QueueDeps,
  ) {}

  isQueue(name: string): boolean {
    return this.config.queues.some((q) => q.name === name);
  }

  enqueue(queueName: string, st: ServerTxn): void {
    const queue = this.config.queues.find((q) => q.name === queueName)!;
    const call: WaitingCall = {
      id: this.nextId++,
      queue,
      st,
      enqueuedAt: Date.now(),
      tried: new Set(),
      rangOut: new Set(),
      ringAgainTimer: null,
      noQueue: wantsNoQueue(st.request) && !queue.consultsWait,
      lastRefusal: null,
      ringing: null,
      pickedBy: null,
      expired: false,
      queuedSent: false,
      done: false,
      waitTimer: null,
      settleTimer: null,
    };
    this.waiting.push(call);
    st.onCancel = () => {
      if (call.ringing) this.deps.txns.cancel(call.ringing.ct);
      else this.finish(call, 487);
    };
    call.waitTimer = setTimeout(() => {
      if (call.ringing) call.expired = true;
      else this.finish(call, 480);
    }, queue.maxWaitSeconds * 1000);
    call.waitTimer.unref();
    this.dispatch();
    if (!call.ringing && this.waiting.includes(call)) this.nobodyRinging(call);
  }

  /**
   * Agents changed (registration, pause, login, a call ended): a queued customer may be offered to everyone again.
   * A no-queue consult keeps its tried members (re-ringing a colleague who just declined it, because someone else
   * registered meanwhile, kept the agent from hearing "declined" for a whole ring time), and is looked at again:
   * the member it waited for may have paused, or signed out.
   */
  agentsChanged(): void {
    for (const call of this.waiting) if (!call.noQueue) call.tried.clear();
    this.dispatch();
    for (const call of [...this.waiting]) if (call.noQueue && !call.ringing && !call.expired) this.nobodyRinging(call);
  }

  snapshot(): Array<{
    queue: string;
    callId: string | undefined;
    from: string | undefined;
    waitedSeconds: number;
    ringing: string | null;
    /** An escalation consult (no-queue): its caller is an agent, whose customer is on hold. */
    consult: boolean;
  }> {
    return this.waiting.map((c) => ({
      queue: c.queue.name,
      callId: getHeader(c.st.request, 'Call-ID'),
      from: callerOf(c),
      waitedSeconds: Math.round((Date.now() - c.enqueuedAt) / 1000),
      ringing: c.ringing?.agent ?? null,
      consult: c.noQueue,
    }));
  }

  /**
   * Call pickup within a queue (issue 16: a senior or supervisor picks up an escalation that rings
   * at a colleague): `picker`, a member of the queue who is free or paused, takes the consult from
   * `caller` waiting there. A ring elsewhere is cancelled (not counted as that member's refusal) and
   * the call is offered to the picker as soon as it is; otherwise at once. Customers' calls are not
   * picked up this way: the ACD's order is theirs.
   */
  pickup(picker: string, caller: string): 'offered' | 'no-call' | 'not-free' {
    const { board } = this.deps;
    const call = this.waiting.find(
      (c) => c.noQueue && !c.done && !c.expired && callerOf(c) === caller && board.members(c.queue.name).includes(picker),
    );
    if (!call) return 'no-call';
    if (call.ringing?.agent === picker || call.pickedBy === picker) return 'offered';
    const state = board.state(picker, call.queue.name);
    if ((state !== 'available' && state !== 'paused') || call.pickedBy !== null) return 'not-free';
    call.tried.delete(picker);
    if (call.ringing) {
      call.pickedBy = picker;
      clearTimeout(call.ringing.timer);
      this.deps.txns.cancel(call.ringing.ct);
    } else {
      if (call.settleTimer) clearTimeout(call.settleTimer);
      call.settleTimer = null;
      this.offerOrMoveOn(call, picker);
    }
    this.deps.log({
      event: 'queue-pickup',
      queue: call.queue.name,
      agent: picker,
      callId: getHeader(call.st.request, 'Call-ID'),
    });
    return 'offered';
  }

  close(): void {
    for (const call of [...this.waiting]) this.finish(call, 503);
  }

  private dispatch(): void {
    for (const call of [...this.waiting]) {
      if (call.ringing || call.expired || call.st.cancelled) continue;
      const agent = this.pick(call);
      if (agent !== null) this.offer(call, agent);
    }
  }

  private pick(call: WaitingCall): string | null {
    const { board } = this.deps;
    const members = board.members(call.queue.name);
    const candidates = members.filter((m) => !call.tried.has(m) && board.state(m, call.queue.name) === 'available');
    if (candidates.length === 0) return null;
    if (call.queue.strategy === 'round-robin') {
      const start = this.rrIndex.get(call.queue.name) ?? 0;
      for (let i = 0; i < members.length; i++) {
        const index = (start + i) % members.length;
        if (candidates.includes(members[index]!)) {
          this.rrIndex.set(call.queue.name, index + 1);
          return members[index]!;
        }
      }
    }
    // longest-idle; configuration order breaks ties so behaviour is predictable in tests and demos.
    return candidates.reduce((a, b) => (board.idleSince(b) < board.idleSince(a) ? b : a));
  }

  private offer(call: WaitingCall, agent: string): void {
    const target = this.deps.targetOf(agent);
    if (target === null) {
      call.tried.add(agent);
      return;
    }
    const { txns, board } = this.deps;
    const waited = Math.floor((Date.now() - call.enqueuedAt) / 1000);
    const request = prepareForward(call.st.request, target, {
      recordRoute: this.deps.recordRoute,
      extraHeaders: [
        { name: QUEUE_HEADER, value: call.queue.name },
        { name: QUEUE_WAIT_HEADER, value: String(waited) },
      ],
    });
    board.setRinging(agent, true);
    this.deps.log({ event: 'queue-offer', queue: call.queue.name, agent, callId: getHeader(request, 'Call-ID'), waited });
    const ct = txns.send(request, target.conn, this.deps.inviteTimeoutMs, (resp) =>
      this.onAgentResponse(call, agent, target, resp),
    );
    // Ring timeout: cancel, and if the agent's client never answers the CANCEL, give up on it shortly after.
    const timer = setTimeout(() => {
      ringing.rangOut = true;
      txns.cancel(ct);
      setTimeout(() => txns.abandon(ct, 408), 2_000).unref();
    }, call.queue.ringTimeoutSeconds * 1000);
    timer.unref();
    const ringing = { agent, ct, timer, rangOut: false };
    call.ringing = ringing;
  }

  /** Offers to this member; one the lab cannot reach is skipped like a refusal, and the ACD goes on. */
  private offerOrMoveOn(call: WaitingCall, agent: string): void {
    this.offer(call, agent);
    if (call.ringing) return;
    this.dispatch();
    if (!call.ringing && this.waiting.includes(call)) this.nobodyRinging(call);
  }

  private onAgentResponse(call: WaitingCall, agent: string, target: Target, resp: SipResponse): void {
    const { txns, board } = this.deps;
    if (resp.status === 100) return;
    if (resp.status < 200) {
      txns.respond(call.st, resp);
      return;
    }
    const rangOut = call.ringing?.agent === agent && call.ringing.rangOut;
    if (call.ringing?.agent === agent) {
      clearTimeout(call.ringing.timer);
      call.ringing = null;
    }
    board.setRinging(agent, false);
    if (call.done) {
      // A 2xx racing the caller's CANCEL still goes upstream (RFC 3261 §16.7 step 5); the caller will BYE it.
      if (resp.status < 300) txns.respond(call.st, resp);
      this.dispatch();
      return;
    }
    if (resp.status < 300) {
      call.done = true;
      this.remove(call);
      txns.respond(call.st, resp);
      this.deps.onAnswered(call.st, agent, target, resp);
      this.deps.log({ event: 'queue-answered', queue: call.queue.name, agent, callId: getHeader(resp, 'Call-ID') });
      return;
    }
    this.deps.log({ event: 'queue-no-answer', queue: call.queue.name, agent, status: resp.status });
    const picker = call.pickedBy;
    call.pickedBy = null;
    if (call.st.cancelled) return this.finish(call, 487);
    if (call.expired) return this.finish(call, 480);
    // The ring was cancelled for a pickup: not this member's refusal; the picker rings now.
    if (picker !== null) return this.offerOrMoveOn(call, picker);
    call.tried.add(agent);
    if (rangOut && !call.noQueue) this.ringAgainLater(call, agent);
    // A decline (603/600) says more than a busy (486): it is the one passed on when members run out.
    if ((resp.status === 486 && call.lastRefusal?.status === undefined) || resp.status === 600 || resp.status === 603)
      call.lastRefusal = resp;
    this.dispatch();
    if (!call.ringing) this.nobodyRinging(call);
  }

  /**
   * `agent` let a waiting customer's call ring out: offer it to them again after `ringAgainSeconds` (if still free;
   * sooner when some agent's state changes). Until then the other members get their turn.
   */
  private ringAgainLater(call: WaitingCall, agent: string): void {
    call.rangOut.add(agent);
    if (call.ringAgainTimer) return;
    call.ringAgainTimer = setTimeout(() => {
      call.ringAgainTimer = null;
      for (const member of call.rangOut) call.tried.delete(member);
      call.rangOut.clear();
      if (!call.done) this.dispatch();
    }, call.queue.ringAgainSeconds * 1000);
    call.ringAgainTimer.unref();
  }

  /**
   * No member rings this call now: it waits in the queue, or, for a no-queue caller, it is answered with why, unless
   * a member it has not tried is only in the wrap-up hold (a call just ended, the phone just signed in): that member
   * is free in at most `wrapUpSeconds`, and telling the agent "everyone is busy" meanwhile was wrong.
   */
  private nobodyRinging(call: WaitingCall): void {
    if (!call.noQueue) return this.sendQueued(call);
    const { board } = this.deps;
    const members = board.members(call.queue.name);
    const settling = members
      .filter((m) => !call.tried.has(m))
      .map((m) => board.settlesAt(m, call.queue.name))
      .filter((at): at is number => at !== null);
    if (settling.length > 0) return this.waitForSettling(call, Math.min(...settling));
    const signedIn = members.filter((m) => {
      const state = board.state(m, call.queue.name);
      return state !== 'offline' && state !== 'logged-out';
    });
    if (signedIn.length === 0) return this.finish(call, 480, { reason: 'No Member Signed In', text: 'No member signed in' });
    const refusal = call.lastRefusal;
    if (refusal?.status === 486) return this.finish(call, 486, { reason: 'Busy Here', headers: reasonOf(refusal, 'Busy') });
    if (refusal) return this.finish(call, 603, { reason: 'Decline', headers: reasonOf(refusal, 'Declined') });
    if (call.tried.size > 0) return this.finish(call, 408, { reason: 'No Member Answered', text: 'No member answered' });
    this.finish(call, 486, { reason: 'All Members Busy', text: 'Every member is busy or paused' });
  }

  private waitForSettling(call: WaitingCall, at: number): void {
    if (call.settleTimer) clearTimeout(call.settleTimer);
    call.settleTimer = setTimeout(
      () => {
        call.settleTimer = null;
        if (call.done || call.ringing) return;
        this.dispatch();
        if (!call.ringing && this.waiting.includes(call)) this.nobodyRinging(call);
      },
      Math.max(0, at - Date.now()) + 10,
    );
    call.settleTimer.unref();
  }

  /**
   * RFC 3261 §21.1.4: 182 Queued tells the caller it waits for an agent. Its To tag opens an early dialog, which
   * needs a Contact (RFC 3261 §12.1.1; SIP.js ignores the response without one): the queue's own URI.
   */
  private sendQueued(call: WaitingCall): void {
    if (call.queuedSent) return;
    call.queuedSent = true;
    this.deps.txns.reply(call.st, 182, {
      headers: [
        { name: 'Contact', value: `<sip:${call.queue.name}@${this.config.domain};transport=ws>` },
        { name: QUEUE_HEADER, value: call.queue.name },
      ],
    });
  }

  private finish(
    call: WaitingCall,
    status: 408 | 480 | 486 | 487 | 503 | 603,
    why?: { readonly reason: string; readonly text?: string; readonly headers?: Header[] },
  ): void {
    if (call.done) return;
    call.done = true;
    this.remove(call);
    if (call.ringing) {
      clearTimeout(call.ringing.timer);
      this.deps.txns.cancel(call.ringing.ct);
      this.deps.board.setRinging(call.ringing.agent, false);
      call.ringing = null;
    }
    // RFC 3261 §20.33: Retry-After tells the caller when the queue may have room.
    const headers =
      why !== undefined
        ? (why.headers ?? [{ name: 'Reason', value: `SIP;cause=${status};text="${why.text ?? why.reason}"` }])
        : status === 480
          ? [{ name: 'Retry-After', value: String(call.queue.retryAfterSeconds) }]
          : [];
    const reason = why?.reason ?? (status === 480 ? 'No Agent Available' : undefined);
    this.deps.txns.reply(call.st, status, { headers, ...(reason ? { reason } : {}) });
    this.deps.log({ event: 'queue-left', queue: call.queue.name, status, callId: getHeader(call.st.request, 'Call-ID') });
    this.dispatch();
  }

  private remove(call: WaitingCall): void {
    const index = this.waiting.indexOf(call);
    if (index >= 0) this.waiting.splice(index, 1);
    if (call.waitTimer) clearTimeout(call.waitTimer);
    if (call.settleTimer) clearTimeout(call.settleTimer);
    if (call.ringAgainTimer) clearTimeout(call.ringAgainTimer);
  }
}

/** RFC 3841 §9.1: `Request-Disposition: no-queue` (among other directives, any case). */
function wantsNoQueue(request: ServerTxn['request']): boolean {
  const value = getHeader(request, 'Request-Disposition');
  return value !== undefined && value.split(',').some((d) => d.trim().toLowerCase() === 'no-queue');
}

/** The member's own Reason (RFC 3326, e.g. a colleague's decline reason), passed on bounded; else ours. */
function reasonOf(resp: SipResponse, text: string): Header[] {
  const theirs = getHeader(resp, 'Reason');
  const value =
    theirs !== undefined && theirs.length <= 200 && !/[\r\n]/.test(theirs) ? theirs : `SIP;cause=${resp.status};text="${text}"`;
  return [{ name: 'Reason', value }];
}

function callerOf(call: WaitingCall): string | undefined {
  try {
    return uriUser(parseNameAddr(getHeader(call.st.request, 'From')!).uri) ?? undefined;
  } catch {
    return undefined;
  }
}
