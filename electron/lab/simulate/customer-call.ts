/**
 * One simulated customer's call into a queue: INVITE with a real WebRTC offer (werift), wait on hold up to the
 * customer's patience (then CANCEL: the caller hangs up), speak the recorded complaint once answered, hang up
 * (BYE) after the talk time, or earlier when the agent does. Hold and other re-INVITEs that keep ICE and DTLS
 * are answered; a REFER is declined (the simulated customer does not follow transfers yet).
 */
import type { LabLogger } from '../log.js';
import { randomToken } from '../sip/build.js';
import { parseNameAddr } from '../sip/fields.js';
import { getHeader, getHeaders } from '../sip/headers.js';
import type { Header, SipRequest, SipResponse } from '../sip/types.js';
import type { Complaint } from './complaints.js';
import { CustomerMedia } from './media.js';
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

const ALLOW = 'INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, NOTIFY, MESSAGE';

export class CustomerCall {
  readonly callId = randomToken(12);
  readonly outcome: Promise<CallOutcome>;
  private readonly localTag = randomToken(6);
  private resolve!: (o: CallOutcome) => void;
  private socket: SipSocket | null = null;
  private media: CustomerMedia | null = null;
  private invite: SipRequest | null = null;
  private dialog: Dialog | null = null;
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

  /** Packets the customer sent and heard, for the log and tests. */
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

  private get from(): string {
    const name = this.o.complaint.caller.replace(/["\\\r\n]/g, '');
    return `"${name}" <sip:${this.o.account.user}@${this.o.account.domain}>;tag=${this.localTag}`;
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
        { name: 'From', value: this.from },
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
    try {
      await media.answer(response.body.toString('utf8'));
    } catch (e) {
      // An answer werift cannot use (no SDP, no common codec): the call is up in SIP, so end it with a BYE.
      this.log('media-failed', { reason: e instanceof Error ? e.message : String(e) });
      void this.bye();
      return;
    }
    media.start();
    this.answeredAt = Date.now();
    this.log('answered', { agent: agentOf(response) });
    this.talkTimer = setTimeout(() => this.hangup(), this.o.talkMs);
    this.talkTimer.unref();
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
    this.dialog = {
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

  private inDialogRequest(method: string, cseq: number, extra: Header[] = []): SipRequest {
    const d = this.dialog!;
    return this.socket!.request(method, d.remoteTarget, [
      ...d.routeSet.map((value) => ({ name: 'Route', value })),
      { name: 'From', value: this.from },
      { name: 'To', value: d.to },
      { name: 'Call-ID', value: this.callId },
      { name: 'CSeq', value: `${cseq} ${method}` },
      ...extra,
    ]);
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
    if (getHeader(req, 'Call-ID') !== this.callId || !this.dialog || this.ended) {
      socket.reply(req, 481);
      return;
    }
    switch (req.method) {
      case 'BYE':
        socket.reply(req, 200);
        this.endTalk('agent');
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
      case 'REFER':
        // Following a transfer means a second call with Replaces (RFC 3515, RFC 3891): not simulated yet.
        socket.reply(req, 603, { headers: [{ name: 'Allow', value: ALLOW }] });
        return;
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
