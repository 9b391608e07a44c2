// A deliberately plain SIP-over-WebSocket client for exact protocol assertions: it sends what the test writes
// and records everything it receives. Parsing reuses the lab's parser; SIP.js is the independent far end.
import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import { parseMessage } from '../../../../electron/lab/sip/parse.js';
import { serialize } from '../../../../electron/lab/sip/serialize.js';
import { createResponse } from '../../../../electron/lab/sip/build.js';
import { getHeader } from '../../../../electron/lab/sip/headers.js';
import { digestResponse, parseDigestCredentials } from '../../../../electron/lab/auth/digest.js';
import type { Header, SipMessage, SipRequest, SipResponse } from '../../../../electron/lab/sip/types.js';

export const DOMAIN = 'lab.test';
const rand = (n = 6): string => randomBytes(n).toString('hex');

export interface RequestOptions {
  method: string;
  uri: string;
  from?: string;
  to?: string;
  callId?: string;
  cseq?: number;
  headers?: Header[];
  body?: string;
  contentType?: string;
}

async function openSocket(url: string, protocol: string | undefined, origin?: string): Promise<WebSocket> {
  const ws = new WebSocket(url, protocol === undefined ? [] : [protocol], origin === undefined ? {} : { origin });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

export class RawClient {
  readonly received: SipMessage[] = [];
  readonly rawFrames: string[] = [];
  private unread: SipMessage[] = [];
  private waiters: Array<{ pred: (m: SipMessage) => boolean; resolve: (m: SipMessage) => void }> = [];
  private cseq = 1;
  private fromTag = rand(4);

  private constructor(
    private readonly ws: WebSocket,
    readonly user: string,
    readonly contactHost = `${rand(4)}.invalid`,
  ) {
    ws.on('message', (data) => {
      const text = data.toString();
      this.rawFrames.push(text);
      const parsed = parseMessage(Buffer.from(text));
      if (parsed.kind !== 'message') return;
      this.received.push(parsed.message);
      const waiter = this.waiters.find((w) => w.pred(parsed.message));
      if (waiter) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(parsed.message);
      } else this.unread.push(parsed.message);
    });
  }

  /** `origin`: the Origin header a browser page would send (none by default, as a SIP stack outside a browser). */
  static async connect(
    url: string,
    user = 'anonymous',
    protocol: string | undefined = 'sip',
    origin?: string,
  ): Promise<RawClient> {
    return new RawClient(await openSocket(url, protocol, origin), user);
  }

  /** The same phone on a new connection (same Contact), as a SIP stack reconnects after its WebSocket dropped. */
  async reconnect(url: string): Promise<RawClient> {
    return new RawClient(await openSocket(url, 'sip'), this.user, this.contactHost);
  }

  get contact(): string {
    return `<sip:${this.user}@${this.contactHost};transport=ws>`;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  sendText(text: string | Buffer): void {
    this.ws.send(text);
  }

  send(msg: SipMessage): void {
    this.ws.send(serialize(msg));
  }

  build(o: RequestOptions): SipRequest {
    const headers: Header[] = [
      { name: 'Via', value: `SIP/2.0/WS ${this.contactHost};branch=z9hG4bK${rand()}` },
      { name: 'Max-Forwards', value: '70' },
      { name: 'From', value: o.from ?? `<sip:${this.user}@${DOMAIN}>;tag=${this.fromTag}` },
      { name: 'To', value: o.to ?? `<${o.uri}>` },
      { name: 'Call-ID', value: o.callId ?? rand(8) },
      { name: 'CSeq', value: `${o.cseq ?? this.cseq++} ${o.method}` },
      { name: 'Contact', value: this.contact },
      ...(o.headers ?? []),
    ];
    if (o.body !== undefined) headers.push({ name: 'Content-Type', value: o.contentType ?? 'text/plain' });
    return { kind: 'request', method: o.method, uri: o.uri, headers, body: Buffer.from(o.body ?? '') };
  }

  request(o: RequestOptions): SipRequest {
    const req = this.build(o);
    this.send(req);
    return req;
  }

  /** Next message matching `pred`, including ones that already arrived unread. */
  waitFor(pred: (m: SipMessage) => boolean, timeoutMs = 5_000): Promise<SipMessage> {
    const index = this.unread.findIndex(pred);
    if (index >= 0) return Promise.resolve(this.unread.splice(index, 1)[0]!);
    return new Promise((resolve, reject) => {
      const waiter = { pred, resolve: (m: SipMessage) => (clearTimeout(timer), resolve(m)) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`${this.user}: no matching message within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** The next final (or, with `status`, that exact) response to `req`. */
  async response(req: SipRequest, status?: number, timeoutMs?: number): Promise<SipResponse> {
    const callId = getHeader(req, 'Call-ID');
    const cseq = getHeader(req, 'CSeq');
    const m = await this.waitFor(
      (m) =>
        m.kind === 'response' &&
        getHeader(m, 'Call-ID') === callId &&
        getHeader(m, 'CSeq') === cseq &&
        (status === undefined ? m.status >= 200 : m.status === status),
      timeoutMs,
    );
    return m as SipResponse;
  }

  nextRequest(method: string, timeoutMs?: number): Promise<SipRequest> {
    return this.waitFor((m) => m.kind === 'request' && m.method === method, timeoutMs) as Promise<SipRequest>;
  }

  /** Send, and when challenged (401/407) send again once with credentials; returns the final response. */
  async authed(o: RequestOptions, password: string, timeoutMs?: number): Promise<{ request: SipRequest; response: SipResponse }> {
    const request = await this.sendAuthed(o, password);
    return { request, response: await this.response(request, undefined, timeoutMs) };
  }

  /** Like `authed` but returns once the credentialed request is sent (an INVITE's answer can take a while). */
  async sendAuthed(o: RequestOptions, password: string): Promise<SipRequest> {
    let request = this.request(o);
    const response = await this.response(request);
    if (response.status === 401 || response.status === 407) {
      if (o.method === 'INVITE') this.ackNon2xx(request, response);
      const challengeName = response.status === 401 ? 'WWW-Authenticate' : 'Proxy-Authenticate';
      const credName = response.status === 401 ? 'Authorization' : 'Proxy-Authorization';
      const c = parseDigestCredentials(getHeader(response, challengeName)!)!;
      const value = digestResponse({
        user: this.user,
        password,
        realm: c.get('realm')!,
        nonce: c.get('nonce')!,
        method: o.method,
        uri: o.uri,
        opaque: c.get('opaque'),
      });
      request = this.request({
        ...o,
        callId: getHeader(request, 'Call-ID'),
        headers: [...(o.headers ?? []), { name: credName, value }],
      });
    } else {
      this.unread.unshift(response);
    }
    return request;
  }

  /** RFC 3261 §17.1.1.3: ACK a non-2xx final with the INVITE's branch and the response's To. */
  ackNon2xx(invite: SipRequest, response: SipResponse): void {
    const headers = invite.headers.filter((h) => ['Via', 'Route', 'From', 'Call-ID', 'Max-Forwards'].includes(h.name));
    headers.push({ name: 'To', value: getHeader(response, 'To')! });
    headers.push({ name: 'CSeq', value: `${getHeader(invite, 'CSeq')!.split(' ')[0]} ACK` });
    this.send({ kind: 'request', method: 'ACK', uri: invite.uri, headers, body: Buffer.alloc(0) });
  }

  /**
   * A request inside the dialog set up by `invite` and its 2xx `answer` (RFC 3261 §12.2.1.1): Request-URI is the
   * remote target, Route the reversed (for the caller) Record-Route set. `asCallee` flips the roles.
   */
  inDialog(method: string, invite: SipRequest, answer: SipResponse, asCallee: boolean, cseq: number, body?: string): SipRequest {
    const rr = answer.headers.filter((h) => h.name === 'Record-Route').map((h) => h.value);
    const route = asCallee ? rr : [...rr].reverse();
    const remoteTarget = asCallee ? getHeader(invite, 'Contact')! : getHeader(answer, 'Contact')!;
    const uri = /<([^>]+)>/.exec(remoteTarget)![1]!;
    const from = asCallee ? getHeader(answer, 'To')! : getHeader(answer, 'From')!;
    const to = asCallee ? getHeader(answer, 'From')! : getHeader(answer, 'To')!;
    return this.request({
      method,
      uri,
      from,
      to,
      callId: getHeader(invite, 'Call-ID'),
      cseq,
      headers: route.map((value) => ({ name: 'Route', value })),
      ...(body !== undefined ? { body } : {}),
    });
  }

  register(password: string, expires = 300): Promise<{ request: SipRequest; response: SipResponse }> {
    const aor = `sip:${this.user}@${DOMAIN}`;
    return this.authed(
      {
        method: 'REGISTER',
        uri: `sip:${DOMAIN}`,
        to: `<${aor}>`,
        from: `<${aor}>;tag=${rand(4)}`,
        headers: [{ name: 'Expires', value: String(expires) }],
      },
      password,
    );
  }

  reply(req: SipRequest, status: number, options: { toTag?: string; headers?: Header[]; body?: string } = {}): SipResponse {
    const resp = createResponse(req, status, {
      toTag: options.toTag ?? 'raw',
      headers: [
        ...((status >= 200 && status < 300) || status === 180 ? [{ name: 'Contact', value: this.contact }] : []),
        ...getRecordRoutes(req),
        ...(options.headers ?? []),
      ],
      ...(options.body !== undefined ? { body: Buffer.from(options.body) } : {}),
    });
    this.send(resp);
    return resp;
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/** RFC 3261 §12.1.1: the UAS copies Record-Route into its dialog-creating responses. */
function getRecordRoutes(req: SipRequest): Header[] {
  return req.headers.filter((h) => h.name === 'Record-Route');
}
