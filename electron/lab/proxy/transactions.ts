import { createResponse, newBranch, randomToken } from '../sip/build.js';
import { parseCSeq, parseVia } from '../sip/fields.js';
import { getHeader, getHeaders, removeFirstHeader } from '../sip/headers.js';
import type { Header, SipRequest, SipResponse } from '../sip/types.js';
import type { Connection } from '../transport.js';
import type { LabLogger } from '../log.js';

/** RFC 3261 §17.2: a request received from a client, answered exactly once with a final response. */
export interface ServerTxn {
  readonly key: string;
  readonly request: SipRequest;
  readonly conn: Connection;
  readonly startedAt: number;
  /** To tag used for responses the lab itself generates, so they all belong to one (early) dialog. */
  readonly localTag: string;
  finalStatus: number | null;
  cancelled: boolean;
  onCancel: (() => void) | null;
}

/** RFC 3261 §17.1: a request the lab forwarded downstream. Reliable transport only, so no retransmit timers. */
export interface ClientTxn {
  readonly branch: string;
  readonly request: SipRequest;
  readonly conn: Connection;
  gotProvisional: boolean;
  final: boolean;
  cancelWanted: boolean;
  cancelSent: boolean;
  timer: NodeJS.Timeout | null;
  onResponse: (resp: SipResponse) => void;
}

/** Timer F / Timer B length with T1 = 500 ms (RFC 3261 §17.1.1.2). */
export const TIMER_64T1_MS = 32_000;

export function serverTxnKey(req: SipRequest): string | null {
  const top = getHeaders(req, 'Via')[0];
  if (top === undefined) return null;
  const via = parseVia(top);
  // RFC 3261 §17.2.3: ACK joins its INVITE's transaction; CANCEL has its own.
  const method = req.method === 'ACK' ? 'INVITE' : req.method;
  const branch = via.branch ?? `rfc2543:${getHeader(req, 'Call-ID')}:${parseCSeq(getHeader(req, 'CSeq')!).seq}`;
  return `${branch}|${via.host}:${via.port ?? ''}|${method}`;
}

export class TransactionLayer {
  readonly server = new Map<string, ServerTxn>();
  readonly client = new Map<string, ClientTxn>();

  constructor(
    private readonly viaHost: string,
    private readonly log: LabLogger,
  ) {}

  createServerTxn(key: string, request: SipRequest, conn: Connection): ServerTxn {
    const st: ServerTxn = {
      key,
      request,
      conn,
      startedAt: performance.now(),
      localTag: randomToken(),
      finalStatus: null,
      cancelled: false,
      onCancel: null,
    };
    this.server.set(key, st);
    return st;
  }

  /** Send a response upstream. Provisional responses may repeat; a second final is dropped except 2xx to INVITE. */
  respond(st: ServerTxn, resp: SipResponse): void {
    if (st.finalStatus !== null && !(st.request.method === 'INVITE' && resp.status >= 200 && resp.status < 300)) return;
    st.conn.send(resp);
    if (resp.status < 200 || st.finalStatus !== null) return;
    st.finalStatus = resp.status;
    this.logTransaction(st, resp.status);
    // Keep the INVITE transaction a while so an ACK to a non-2xx final or a late CANCEL can still be matched.
    // Others end at once: Timer J is 0 on a reliable transport (RFC 3261 §17.2.2), and keeping every REGISTER
    // for 5 s kept thousands of requests alive for the garbage collector to trace (issue 19).
    if (st.request.method === 'INVITE') setTimeout(() => this.server.delete(st.key), TIMER_64T1_MS).unref();
    else this.server.delete(st.key);
  }

  reply(st: ServerTxn, status: number, options: { reason?: string; headers?: Header[]; body?: Buffer } = {}): void {
    this.respond(st, createResponse(st.request, status, { ...options, toTag: st.localTag }));
  }

  /** Add our Via and send; `onResponse` sees responses with our Via already removed. */
  send(request: SipRequest, conn: Connection, timeoutMs: number, onResponse: (resp: SipResponse) => void): ClientTxn {
    const branch = newBranch();
    request.headers.unshift({ name: 'Via', value: `SIP/2.0/WS ${this.viaHost};branch=${branch}` });
    const ct: ClientTxn = {
      branch,
      request,
      conn,
      gotProvisional: false,
      final: false,
      cancelWanted: false,
      cancelSent: false,
      timer: null,
      onResponse,
    };
    this.client.set(branch, ct);
    ct.timer = setTimeout(() => this.timeout(ct), timeoutMs);
    ct.timer.unref(); // timers never keep a closed lab's process alive
    conn.send(request);
    return ct;
  }

  /**
   * A response from downstream: match it by our branch (RFC 3261 §17.1.3) and the connection the request went
   * out on, else drop it (§16.7 step 3 on WS). Returns the transaction it answered.
   */
  handleResponse(resp: SipResponse, connId: number): ClientTxn | null {
    const top = getHeaders(resp, 'Via')[0];
    if (top === undefined) return null;
    const via = parseVia(top);
    const ct = via.branch === null ? undefined : this.client.get(via.branch);
    if (!ct || ct.conn.id !== connId) return null;
    if (parseCSeq(getHeader(resp, 'CSeq')!).method !== parseCSeq(getHeader(ct.request, 'CSeq')!).method) return null;
    if (ct.final) {
      // A final answer after the lab gave up on the branch (abandon: the phone answered the CANCEL late, at
      // load) still gets its hop-by-hop ACK: without it the phone's INVITE server transaction waits out
      // Timer H (32 s) and refuses the queue's next offer of the same call as a merged request (482, RFC 3261
      // §8.2.2.2), while the customer waits and the agent sees nothing (the model's long run, seed 20261208).
      if (ct.request.method === 'INVITE' && resp.status >= 300) this.sendAck(ct, resp);
      return null;
    }
    removeFirstHeader(resp, 'Via');
    if (resp.status < 200) {
      ct.gotProvisional = true;
      if (ct.cancelWanted) this.sendCancel(ct);
    } else {
      this.finish(ct);
      if (ct.request.method === 'INVITE' && resp.status >= 300) this.sendAck(ct, resp);
    }
    ct.onResponse(resp);
    return ct;
  }

  /** RFC 3261 §9.1: CANCEL only after a provisional response; otherwise remember to send it when one arrives. */
  cancel(ct: ClientTxn): void {
    if (ct.final || ct.request.method !== 'INVITE') return;
    if (ct.gotProvisional) this.sendCancel(ct);
    else ct.cancelWanted = true;
  }

  private sendCancel(ct: ClientTxn): void {
    if (ct.cancelSent) return;
    ct.cancelSent = true;
    ct.cancelWanted = false;
    const seq = parseCSeq(getHeader(ct.request, 'CSeq')!).seq;
    const cancel: SipRequest = {
      kind: 'request',
      method: 'CANCEL',
      uri: ct.request.uri,
      body: Buffer.alloc(0),
      headers: [
        { name: 'Via', value: getHeaders(ct.request, 'Via')[0]! },
        ...getHeaders(ct.request, 'Route').map((value) => ({ name: 'Route', value })),
        { name: 'Max-Forwards', value: '70' },
        { name: 'From', value: getHeader(ct.request, 'From')! },
        { name: 'To', value: getHeader(ct.request, 'To')! },
        { name: 'Call-ID', value: getHeader(ct.request, 'Call-ID')! },
        { name: 'CSeq', value: `${seq} CANCEL` },
      ],
    };
    ct.conn.send(cancel);
  }

  /** RFC 3261 §17.1.1.3: the ACK for a non-2xx final is hop-by-hop, sent by the transaction that got it. */
  private sendAck(ct: ClientTxn, resp: SipResponse): void {
    const seq = parseCSeq(getHeader(ct.request, 'CSeq')!).seq;
    ct.conn.send({
      kind: 'request',
      method: 'ACK',
      uri: ct.request.uri,
      body: Buffer.alloc(0),
      headers: [
        { name: 'Via', value: getHeaders(ct.request, 'Via')[0]! },
        ...getHeaders(ct.request, 'Route').map((value) => ({ name: 'Route', value })),
        { name: 'Max-Forwards', value: '70' },
        { name: 'From', value: getHeader(ct.request, 'From')! },
        { name: 'To', value: getHeader(resp, 'To')! },
        { name: 'Call-ID', value: getHeader(ct.request, 'Call-ID')! },
        { name: 'CSeq', value: `${seq} ACK` },
      ],
    });
  }

  private finish(ct: ClientTxn): void {
    ct.final = true;
    if (ct.timer) clearTimeout(ct.timer);
    // Late responses (a 2xx retransmission, a 200 to our CANCEL) are dropped; a late non-2xx final to an
    // INVITE is ACKed (handleResponse) for as long as the phone may wait for that ACK (Timer H).
    setTimeout(() => this.client.delete(ct.branch), ct.request.method === 'INVITE' ? TIMER_64T1_MS : 5_000).unref();
  }

  /** Timer B/F, or Timer C for INVITE (RFC 3261 §16.8): give up on the branch as if it answered 408. */
  private timeout(ct: ClientTxn): void {
    this.abandon(ct, 408);
  }

  /** End a branch that will never answer (timeout, closed connection) with a response of our making. */
  abandon(ct: ClientTxn, status: number): void {
    if (ct.final) return;
    if (ct.request.method === 'INVITE') this.sendCancel(ct);
    this.finish(ct);
    const resp = createResponse(ct.request, status);
    resp.headers = resp.headers.filter((h, i) => !(h.name === 'Via' && i === 0));
    ct.onResponse(resp);
  }

  /** A closed connection answers nothing more: its pending branches end as 480 (RFC 3261 §16.7 needs a final). */
  dropConnection(connId: number): void {
    for (const ct of this.client.values()) if (ct.conn.id === connId && !ct.final) this.abandon(ct, 480);
  }

  private logTransaction(st: ServerTxn, status: number): void {
    this.log({
      event: 'sip-transaction',
      method: st.request.method,
      callId: getHeader(st.request, 'Call-ID'),
      from: uriText(getHeader(st.request, 'From')),
      to: uriText(getHeader(st.request, 'To')),
      status,
      ms: Math.round(performance.now() - st.startedAt),
      conn: st.conn.id,
    });
  }
}

/** The URI of a name-addr for the log, cut out rather than parsed (the message passed the parser's checks). */
function uriText(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const lt = value.indexOf('<');
  if (lt >= 0) {
    const gt = value.indexOf('>', lt);
    return gt > lt ? value.slice(lt + 1, gt) : undefined;
  }
  const semi = value.indexOf(';');
  return (semi >= 0 ? value.slice(0, semi) : value).trim();
}
