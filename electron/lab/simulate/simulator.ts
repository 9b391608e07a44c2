/**
 * Simulated customers for demos and training: calls arrive at the queues as a Poisson process (exponential
 * gaps, `ratePerMinute` on average, the first at once), each from a real SIP/WebRTC endpoint speaking a recorded
 * complaint in one of the chosen languages. Each customer's patience and talk time vary ±50% around the
 * configured values, as real callers do.
 */
import type { LabLogger } from '../log.js';
import { loadComplaints, pickComplaint, type Complaint } from './complaints.js';
import { CustomerCall, type CallOutcome } from './customer-call.js';

export interface SimulatorOptions {
  readonly wsUrl: string;
  readonly domain: string;
  /** Accounts the customers call from, in turn (the lab requires From to be the authenticated account). */
  readonly customers: readonly { readonly user: string; readonly password: string }[];
  readonly queues: readonly string[];
  readonly languages: readonly string[];
  /** Average new calls per minute. */
  readonly ratePerMinute: number;
  readonly patienceSeconds: number;
  readonly talkSeconds: number;
  /** Calls in progress at most; arrivals beyond it are skipped (a training room has few agents). */
  readonly maxConcurrent?: number;
  /** Stop placing calls after this many (tests, a scripted demo). */
  readonly maxCalls?: number;
  readonly repeatAfterSeconds?: number;
  readonly complaints?: readonly Complaint[];
  /** In [0, 1); tests pass a fixed one. */
  readonly random?: () => number;
  readonly log: LabLogger;
}

export interface SimulatedCall {
  readonly call: CustomerCall;
  readonly queue: string;
  readonly complaint: Complaint;
  readonly patienceMs: number;
  readonly talkMs: number;
}

export interface SimulatorStats {
  placed: number;
  inProgress: number;
  talked: number;
  abandoned: number;
  rejected: number;
  failed: number;
}

export class Simulator {
  readonly calls: SimulatedCall[] = [];
  readonly stats: SimulatorStats = { placed: 0, inProgress: 0, talked: 0, abandoned: 0, rejected: 0, failed: 0 };
  private readonly complaints: readonly Complaint[];
  private readonly random: () => number;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private next = 0;
  private readonly listeners: Array<(c: SimulatedCall) => void> = [];

  constructor(private readonly o: SimulatorOptions) {
    if (!(o.ratePerMinute > 0)) throw new RangeError('rate must be above 0 calls per minute');
    if (o.customers.length === 0) throw new RangeError('no customer accounts to call from');
    if (o.queues.length === 0) throw new RangeError('no queues to call');
    this.complaints = o.complaints ?? loadComplaints();
    const missing = o.languages.filter((l) => !this.complaints.some((c) => c.lang === l));
    if (o.languages.length === 0 || missing.length > 0) {
      throw new RangeError(`no recorded complaints in ${missing.join(', ') || 'no language'}`);
    }
    this.random = o.random ?? Math.random;
  }

  start(): void {
    this.stopped = false;
    this.arrive();
  }

  /** Called with each new call (tests wait on them). */
  onCall(listener: (c: SimulatedCall) => void): void {
    this.listeners.push(listener);
  }

  /** Stop placing calls and hang up the ones in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const c of this.calls) c.call.hangup();
    await Promise.all(this.calls.map((c) => c.call.outcome));
  }

  private arrive(): void {
    if (this.stopped) return;
    if (this.o.maxCalls !== undefined && this.stats.placed >= this.o.maxCalls) return;
    if (this.o.maxConcurrent === undefined || this.stats.inProgress < this.o.maxConcurrent) this.place();
    if (this.o.maxCalls !== undefined && this.stats.placed >= this.o.maxCalls) return;
    // Exponential gap with mean 60/rate s: arrivals of independent customers (a Poisson process).
    const gapMs = (-Math.log(1 - this.random()) * 60_000) / this.o.ratePerMinute;
    this.timer = setTimeout(() => this.arrive(), Math.min(gapMs, 2_147_000_000));
    this.timer.unref();
  }

  private place(): void {
    const pick = <T>(list: readonly T[]): T => list[Math.floor(this.random() * list.length)]!;
    const queue = pick(this.o.queues);
    const complaint = pickComplaint(this.complaints, queue, pick(this.o.languages), this.random);
    const customer = this.o.customers[this.next++ % this.o.customers.length]!;
    const vary = (seconds: number): number => Math.round(seconds * 1000 * (0.5 + this.random()));
    const patienceMs = vary(this.o.patienceSeconds);
    const talkMs = vary(this.o.talkSeconds);
    const call = new CustomerCall({
      account: { wsUrl: this.o.wsUrl, domain: this.o.domain, user: customer.user, password: customer.password },
      queue,
      complaint,
      patienceMs,
      talkMs,
      ...(this.o.repeatAfterSeconds === undefined ? {} : { repeatAfterMs: this.o.repeatAfterSeconds * 1000 }),
      log: this.o.log,
    });
    const simulated: SimulatedCall = { call, queue, complaint, patienceMs, talkMs };
    this.calls.push(simulated);
    this.stats.placed += 1;
    this.stats.inProgress += 1;
    void call.outcome.then((outcome: CallOutcome) => {
      this.stats.inProgress -= 1;
      this.stats[outcome.kind] += 1;
      this.calls.splice(this.calls.indexOf(simulated), 1);
    });
    for (const l of this.listeners) l(simulated);
  }
}
