/**
 * One simulated customer's call into a queue: INVITE with a real WebRTC offer (werift), wait on hold up to the
 * customer's patience (then CANCEL: the caller hangs up), speak the recorded complaint once answered, hang up
 * (BYE) after the talk time, or earlier when the agent does. Hold and other re-INVITEs that keep ICE and DTLS
 * are answered. A REFER is followed as a phone does (RFC 3515, RFC 3891): a new call to the Refer-To target with
 * its Replaces, the complaint going on in it, NOTIFYs telling the agent how it went; the old call is left to the
 * agent's BYE.
 */
import type { LabLogger } from '../log.js';
import { randomToken } from '../sip/build.js';
import { parseNameAddr } from '../sip/fields.js';
import { getHeader, getHeaders } from '../sip/headers.js';
import type { Header, SipRequest, SipResponse } from '../sip/types.js';
import type { Complaint } from './complaints.js';
import { CustomerMedia } from './media.js';
import { parseReferTo, referNotify, referredByToCopy, type ReferTarget } from './refer.js';
import { SipSocket, type SipAccount } from './sip-socket.js';

export interface CustomerCallOptions {
  readonly account: SipAccount;
  readonly queue: string;
  readonly complaint: Complaint;
  /** How long the customer waits for an agent before hanging up. */
  readonly patienceMs: number;
  /** How long the customer talks once answered before hanging up (if the agent has not). */
  readonly talkMs: number;
  readonly repeatAfterMs?: number;
  readonly log: LabLogger;
}

export type CallOutcome =
  | { readonly kind: 'talked'; readonly waitedMs: number; readonly talkedMs: number; readonly endedBy: 'customer' | 'agent' }
  /** Hung up while waiting, past the patience limit (or stopped): CANCEL, 487. */
  | { readonly kind: 'abandoned'; readonly waitedMs: number }
  /** The server ended the wait: e.g. 480 when the queue's maximum wait passed, 404 for an unknown queue. */
  | { readonly kind: 'rejected'; readonly waitedMs: number; readonly status: number }
  | { readonly kind: 'failed'; readonly reason: string };

interface Dialog {
  readonly remoteTarget: string;
  readonly routeSet: readonly string[];
  readonly to: string;
  cseq: number;
}

/** One call and its dialog: the first to the queue, then one per transfer followed. */
interface Leg {
  readonly callId: string;
  readonly localTag: string;
  dialog: Dialog | null;
}

const ALLOW = 'INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, NOTIFY, MESSAGE, REFER';
/** Transfers one call follows at most: a transfer loop between two agents ends there. */
const MAX_TRANSFERS = 5;
const HEARD_PACKETS = 50;

export class CustomerCall {
  readonly outcome: Promise<CallOutcome>;
  private leg: Leg = { callId: randomToken(12), localTag: randomToken(6), dialog: null };
  /** Calls left behind by a transfer: their BYE is answered, nothing else happens in them. */
  private readonly replacedCallIds = new Set<string>();
  private transfers = 0;
  /** A transfer in progress: its media until it is answered (closed if the call ends first). */
  private transfer: { media: CustomerMedia; oldGone: boolean } | null = null;
  private resolve!: (o: CallOutcome) => void;
  private socket: SipSocket | null = null;
  private media: CustomerMedia | null = null;
  private invite: SipRequest | null = null;
  private provisional = false;
  private hangingUp = false;
  private ended = false;
  private placedAt = 0;
  private answeredAt = 0;
  private talkTimer: NodeJS.Timeout | null = null;
  private patienceTimer: NodeJS.Timeout | null = null;

  constructor(private readonly o: CustomerCallOptions) {
    this.outcome = new Promise((resolve) => (this.resolve = resolve));
    this.run().catch((e: unknown) => this.end({ kind: 'failed', reason: e instanceof Error ? e.message : String(e) }));
  }

  get callId(): string {
    return this.leg.callId;
  }

  private get dialog(): Dialog | null {
    return this.leg.dialog;
  }

  /** Packets the customer sent and heard (in the current call), for the log and tests. */
  get mediaStats(): { sent: number; received: number } {
    return { sent: this.media?.packetsSent ?? 0, received: this.media?.packetsReceived ?? 0 };
  }

  /** Hang up now: CANCEL while waiting, BYE when talking. */
  hangup(): void {
    if (this.ended || this.hangingUp) return;
    this.hangingUp = true;
    if (this.dialog) void this.bye();
    else if (this.invite && this.provisional && this.socket) void this.socket.cancel(this.invite);
    else if (!this.invite) this.end({ kind: 'abandoned', waitedMs: 0 });
    // Else: CANCEL as soon as the first provisional response arrives (RFC 3261 §9.1).
  }

  private fromOf(leg: Leg): string {
    const name = this.o.complaint.caller.replace(/["\\\r\n]/g, '');
    return `"${name}" <sip:${this.o.account.user}@${this.o.account.domain}>;tag=${leg.localTag}`;
  }

  private async run(): Promise<void> {
    const { account, queue } = this.o;
    const socket = await SipSocket.connect(account);
    this.socket = socket;
    socket.onRequest = (req) => this.onRequest(req);
    socket.onStrayResponse = (r) => this.onStrayResponse(r);
    socket.onClose = () => this.end({ kind: 'failed', reason: 'connection closed' });
    if (this.ended) return;
    const media = new CustomerMedia(
      this.o.complaint,
      this.o.repeatAfterMs === undefined ? {} : { repeatAfterMs: this.o.repeatAfterMs },
    );
    this.media = media;
    const offer = await media.offer();
    if (this.ended) return;

    const target = `sip:${queue}@${account.domain}`;
    let invite = socket.request(
      'INVITE',
      target,
      [
        { name: 'From', value: this.fromOf(this.leg) },
        { name: 'To', value: `<${target}>` },
        { name: 'Call-ID', value: this.callId },
        { name: 'CSeq', value: '1 INVITE' },
        { name: 'Contact', value: socket.contact() },
        { name: 'Allow', value: ALLOW },
        { name: 'Subject', value: `${this.o.complaint.topic} (${this.o.complaint.lang})` },
      ],
      { type: 'application/sdp', text: offer },
    );
    this.placedAt = Date.now();
    this.patienceTimer = setTimeout(() => {
      this.log('patience-over');
      this.hangup();
    }, this.o.patienceMs);
    this.patienceTimer.unref();
    this.invite = invite;
    this.log('placed');
    let response = await socket.transact(invite, (r) => this.onProvisional(r));
    if (response.status === 401 || response.status === 407) {
      socket.ackNon2xx(invite, response);
      const again = socket.withCredentials(invite, response, 2);
      if (!again) return this.end({ kind: 'rejected', waitedMs: this.waited(), status: response.status });
      invite = again;
      this.invite = invite;
      this.provisional = false;
      response = await socket.transact(invite, (r) => this.onProvisional(r));
    }
    if (this.patienceTimer) clearTimeout(this.patienceTimer);
    if (response.status >= 300) {
      socket.ackNon2xx(invite, response);
      if (this.hangingUp && response.status === 487) this.end({ kind: 'abandoned', waitedMs: this.waited() });
      else this.end({ kind: 'rejected', waitedMs: this.waited(), status: response.status });
      return;
    }
    this.confirm(response);
    if (this.hangingUp) {
      // Answered just as the customer gave up: say goodbye at once.
      void this.bye();
      return;
    }
    if (!(await this.startMedia(media, response))) return;
    this.answeredAt = Date.now();
    this.log('answered', { agent: agentOf(response) });
    this.logWhenHeard(media);
    this.talkTimer = setTimeout(() => this.hangup(), this.o.talkMs);
    this.talkTimer.unref();
  }

  /** The 2xx's SDP into `media`, then the complaint; false (after a BYE) when werift cannot use the answer. */
  private async startMedia(media: CustomerMedia, response: SipResponse): Promise<boolean> {
    try {
      await media.answer(response.body.toString('utf8'));
    } catch (e) {
      // An answer werift cannot use (no SDP, no common codec): the call is up in SIP, so end it with a BYE.
      this.log('media-failed', { reason: e instanceof Error ? e.message : String(e) });
      void this.bye();
      return false;
    }
    media.start();
    return true;
  }

  private onProvisional(r: SipResponse): void {
    const first = !this.provisional;
    this.provisional = true;
    if (r.status === 182) this.log('queued');
    else if (r.status === 180) this.log('ringing');
    if (first && this.hangingUp && this.invite && this.socket && !this.dialog) void this.socket.cancel(this.invite);
  }

  /** RFC 3261 §12.1.2 and §13.2.2.4: the dialog from the 2xx, then ACK it end to end. */
  private confirm(response: SipResponse): void {
    const contact = getHeader(response, 'Contact');
    const remoteTarget = contact ? parseNameAddr(contact).uri.raw : this.invite!.uri;
    this.leg.dialog = {
      remoteTarget,
      routeSet: getHeaders(response, 'Record-Route').reverse(),
      to: getHeader(response, 'To') ?? '',
      cseq: 2,
    };
    this.sendAck();
  }

  private sendAck(): void {
    const invite = this.invite!;
    const ack = this.inDialogRequest('ACK', Number(getHeader(invite, 'CSeq')!.split(' ')[0]));
    this.socket?.send(ack);
  }

  private onStrayResponse(r: SipResponse): void {
    if (r.status >= 200 && r.status < 300 && getHeader(r, 'Call-ID') === this.callId && this.dialog && !this.ended)
      this.sendAck();
  }

  private inDialogRequest(
    method: string,
    cseq: number,
    extra: Header[] = [],
    leg: Leg = this.leg,
    body?: { type: string; text: string },
  ): SipRequest {
    const d = leg.dialog!;
    return this.socket!.request(
      method,
      d.remoteTarget,
      [
        ...d.routeSet.map((value) => ({ name: 'Route', value })),
        { name: 'From', value: this.fromOf(leg) },
        { name: 'To', value: d.to },
        { name: 'Call-ID', value: leg.callId },
        { name: 'CSeq', value: `${cseq} ${method}` },
        ...extra,
      ],
      body,
    );
  }

  private async bye(): Promise<void> {
    const d = this.dialog;
    const socket = this.socket;
    if (!d || !socket || this.ended) return;
    this.hangingUp = true;
    d.cseq += 1;
    let request = this.inDialogRequest('BYE', d.cseq);
    let response = await socket.transact(request);
    if (response.status === 401 || response.status === 407) {
      d.cseq += 1;
      const again = socket.withCredentials(request, response, d.cseq);
      if (again) {
        request = again;
        response = await socket.transact(request);
      }
    }
    this.endTalk('customer');
  }

  private onRequest(req: SipRequest): void {
    const socket = this.socket!;
    if (req.method === 'ACK') return;
    const callId = getHeader(req, 'Call-ID');
    if (callId !== undefined && this.replacedCallIds.has(callId) && req.method === 'BYE') {
      // The agent who transferred us leaves the old call (RFC 5589 §6): the customer is in the new one.
      socket.reply(req, 200);
      return;
    }
    if (callId !== this.callId || !this.dialog || this.ended) {
      socket.reply(req, 481);
      return;
    }
    switch (req.method) {
      case 'BYE':
        socket.reply(req, 200);
        // Hung up while the customer is being put through: the new call decides how it ends.
        if (this.transfer) this.transfer.oldGone = true;
        else this.endTalk('agent');
        return;
      case 'INVITE':
      case 'UPDATE': {
        const offer = req.body.length > 0 ? req.body.toString('utf8') : null;
        if (req.method === 'UPDATE' && offer === null) {
          socket.reply(req, 200);
          return;
        }
        const answer = this.media?.reoffer(offer) ?? null;
        if (answer === null) socket.reply(req, 488);
        else
          socket.reply(req, 200, {
            headers: [{ name: 'Contact', value: socket.contact() }],
            body: { type: 'application/sdp', text: answer },
          });
        if (offer !== null) this.log(/a=(sendonly|inactive)/.test(offer) ? 'held' : 'resumed');
        return;
      }
      case 'REFER': {
        const target = parseReferTo(getHeader(req, 'Refer-To'));
        if (!target || this.transfer || this.transfers >= MAX_TRANSFERS || this.hangingUp) {
          socket.reply(req, 603, { headers: [{ name: 'Allow', value: ALLOW }] });
          return;
        }
        socket.reply(req, 202, { headers: [{ name: 'Contact', value: socket.contact() }] });
        const referCseq = Number(getHeader(req, 'CSeq')?.split(' ')[0]);
        void this.followTransfer(target, referCseq, referredByToCopy(getHeader(req, 'Referred-By'))).catch((e: unknown) =>
          this.log('transfer-failed', { reason: e instanceof Error ? e.message : String(e) }),
        );
        return;
      }
      case 'OPTIONS':
      case 'INFO':
      case 'NOTIFY':
      case 'MESSAGE':
        socket.reply(req, 200);
        return;
      default:
        socket.reply(req, 405, { headers: [{ name: 'Allow', value: ALLOW }] });
    }
  }

  /**
   * Follow a REFER: a new call to its target (with the Replaces it names, for an attended transfer), reported to
   * the agent as NOTIFYs in the old call; once it is answered the complaint goes on in the new call.
   */
  private async followTransfer(target: ReferTarget, referCseq: number, extra: Header[]): Promise<void> {
    const socket = this.socket!;
    const old = this.leg;
    this.transfers += 1;
    const media = new CustomerMedia(
      this.o.complaint,
      this.o.repeatAfterMs === undefined ? {} : { repeatAfterMs: this.o.repeatAfterMs },
    );
    this.transfer = { media, oldGone: false };
    this.notifyRefer(old, referCseq, 100, 'Trying');
    this.log('transferring', { to: target.uri, replaces: target.replaces !== undefined });
    const leg: Leg = { callId: randomToken(12), localTag: randomToken(6), dialog: null };
    let outcome = { status: 500, reason: 'Server Internal Error' };
    try {
      const offer = await media.offer();
      if (this.ended) return;
      let invite = socket.request(
        'INVITE',
        target.uri,
        [
          { name: 'From', value: this.fromOf(leg) },
          { name: 'To', value: `<${target.uri}>` },
          { name: 'Call-ID', value: leg.callId },
          { name: 'CSeq', value: '1 INVITE' },
          { name: 'Contact', value: socket.contact() },
          { name: 'Allow', value: ALLOW },
          ...(target.replaces !== undefined ? [{ name: 'Replaces', value: target.replaces }] : []),
          ...extra,
        ],
        { type: 'application/sdp', text: offer },
      );
      let response = await socket.transact(invite);
      if (response.status === 401 || response.status === 407) {
        socket.ackNon2xx(invite, response);
        const again = socket.withCredentials(invite, response, 2);
        if (again) {
          invite = again;
          response = await socket.transact(invite);
        }
      }
      outcome = { status: response.status, reason: response.reason };
      if (response.status >= 300) {
        socket.ackNon2xx(invite, response);
        return;
      }
      // Answered: this is the customer's call now (the old one waits for the agent's BYE).
      this.replacedCallIds.add(old.callId);
      this.leg = leg;
      this.invite = invite;
      this.confirm(response);
      this.transfer = null;
      if (this.ended || this.hangingUp) {
        this.socket?.send(this.inDialogRequest('BYE', 2));
        void media.close();
        return;
      }
      const before = this.media;
      this.media = media;
      void before?.close();
      if (!(await this.startMedia(media, response))) return;
      this.log('transferred', { agent: agentOf(response) });
      this.logWhenHeard(media);
    } finally {
      this.notifyRefer(old, referCseq, outcome.status, outcome.reason);
      if (this.transfer?.media === media) {
        // Not answered: the customer stays in the old call (on hold until the agent takes them back).
        const oldGone = this.transfer.oldGone;
        this.transfer = null;
        void media.close();
        this.log('transfer-failed', { status: outcome.status });
        if (oldGone) this.endTalk('agent');
      }
    }
  }

  /** Logs 'hearing' once a second of the agent's audio (50 packets of 20 ms) reached the customer in this call. */
  private logWhenHeard(media: CustomerMedia): void {
    void media.whenHeard(HEARD_PACKETS).then(() => {
      if (this.media === media && !this.ended) this.log('hearing', { heard: media.packetsReceived });
    });
  }

  /** A NOTIFY in `leg` (the call the REFER came in) with the transfer's progress; fire and forget. */
  private notifyRefer(leg: Leg, referCseq: number, status: number, reason: string): void {
    const d = leg.dialog;
    if (!d || !this.socket?.open) return;
    d.cseq += 1;
    const { headers, body } = referNotify(referCseq, status, reason.replace(/[^\x20-\x7e]/g, '') || 'Unknown');
    const notify = this.inDialogRequest(
      'NOTIFY',
      d.cseq,
      [{ name: 'Contact', value: this.socket.contact() }, ...headers],
      leg,
      body,
    );
    void this.socket.transact(notify);
  }

  private endTalk(endedBy: 'customer' | 'agent'): void {
    this.end({ kind: 'talked', waitedMs: this.answeredAt - this.placedAt, talkedMs: Date.now() - this.answeredAt, endedBy });
  }

  private waited(): number {
    return Date.now() - this.placedAt;
  }

  private end(outcome: CallOutcome): void {
    if (this.ended) return;
    if (outcome.kind === 'talked' && this.answeredAt === 0) outcome = { kind: 'abandoned', waitedMs: this.waited() };
    this.ended = true;
    if (this.talkTimer) clearTimeout(this.talkTimer);
    if (this.patienceTimer) clearTimeout(this.patienceTimer);
    this.log('ended', { ...outcome, sent: this.mediaStats.sent, heard: this.mediaStats.received });
    void this.media?.close();
    void this.transfer?.media.close();
    if (this.socket) {
      this.socket.onClose = () => {};
      this.socket.close();
    }
    this.resolve(outcome);
  }

  private log(phase: string, extra: Record<string, unknown> = {}): void {
    const c = this.o.complaint;
    this.o.log({
      event: 'sim-call',
      phase,
      callId: this.callId,
      queue: this.o.queue,
      caller: c.caller,
      lang: c.lang,
      topic: c.topic,
      ...extra,
    });
  }
}

/** The answering agent, from the 2xx's To... which stays the queue; the Contact names the agent's account. */
function agentOf(response: SipResponse): string | undefined {
  const contact = getHeader(response, 'Contact');
  if (!contact) return undefined;
  try {
    return parseNameAddr(contact).uri.user ?? undefined;
  } catch {
    return undefined;
  }
}
