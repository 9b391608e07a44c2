/**
 * The load generator of the lab benchmark: a plain SIP-over-WebSocket client (RFC 7118), one per agent, doing
 * only what the benchmark measures: REGISTER with digest authentication, INVITE (answering a 407 once), and as a
 * callee, 180 at once followed by 486 so the call ends without media. The lab's own parser and digest helper
 * read and sign the messages; both servers under test get the very same client.
 */
import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import { digestResponse, parseDigestCredentials } from '../../electron/lab/auth/digest.js';
import { createResponse } from '../../electron/lab/sip/build.js';
import { getHeader, getHeaders } from '../../electron/lab/sip/headers.js';
import { parseMessage } from '../../electron/lab/sip/parse.js';
import { serialize } from '../../electron/lab/sip/serialize.js';
import type { Header, SipRequest, SipResponse } from '../../electron/lab/sip/types.js';

const rand = (n = 6): string => randomBytes(n).toString('hex');

interface Pending {
  readonly onResponse: (r: SipResponse) => void;
}

export class LabBenchClient {
  private readonly host = `${rand(4)}.invalid`;
  private readonly pending = new Map<string, Pending>();
  private cseq = 1;
  private readonly callId = rand(8);

  private constructor(
    private readonly ws: WebSocket,
    readonly user: string,
    private readonly domain: string,
    private readonly password: string,
  ) {
    ws.on('message', (data: Buffer) => {
      const parsed = parseMessage(data);
      if (parsed.kind !== 'message') return;
      const m = parsed.message;
      if (m.kind === 'request') this.onRequest(m);
      else this.pending.get(`${getHeader(m, 'Call-ID')} ${getHeader(m, 'CSeq')}`)?.onResponse(m);
    });
  }

  static async connect(url: string, user: string, domain: string, password: string): Promise<LabBenchClient> {
    const ws = new WebSocket(url, ['sip']);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new LabBenchClient(ws, user, domain, password);
  }

  /** One full registration: REGISTER, 401, REGISTER with credentials, 200. */
  async register(expires = 300): Promise<void> {
    const aor = `sip:${this.user}@${this.domain}`;
    const base = { uri: `sip:${this.domain}`, from: `<${aor}>;tag=${rand(4)}`, to: `<${aor}>`, callId: this.callId };
    const ttl = { name: 'Expires', value: String(expires) };
    const first = this.build('REGISTER', base, [ttl]);
    let response = await this.transact(first, () => false);
    if (response.status === 401) {
      const second = this.build('REGISTER', base, [ttl, this.credentials(first, response)]);
      response = await this.transact(second, () => false);
    }
    if (response.status !== 200) throw new Error(`${this.user}: REGISTER ${response.status}`);
  }

  /**
   * An INVITE to `target`; resolves with the milliseconds from handing the INVITE that got through (after a 407,
   * the one with credentials) to the WebSocket until its 180 arrived. The callee's 486 is ACKed.
   */
  async inviteTo180(target: string): Promise<number> {
    const callId = rand(8);
    const base = { uri: target, from: `<sip:${this.user}@${this.domain}>;tag=${rand(4)}`, to: `<${target}>`, callId };
    const sdp = { name: 'Content-Type', value: 'application/sdp' };
    let invite = this.build('INVITE', base, [sdp], BENCH_SDP);
    let sentAt = performance.now();
    let ringingAt = Number.NaN;
    const on180 = (r: SipResponse): boolean => {
      if (r.status === 180 && Number.isNaN(ringingAt)) ringingAt = performance.now();
      return false;
    };
    let response = await this.transact(invite, on180);
    if (response.status === 401 || response.status === 407) {
      this.ackNon2xx(invite, response);
      invite = this.build('INVITE', base, [sdp, this.credentials(invite, response)], BENCH_SDP);
      sentAt = performance.now();
      response = await this.transact(invite, on180);
    }
    if (response.status >= 300) this.ackNon2xx(invite, response);
    if (Number.isNaN(ringingAt)) throw new Error(`${this.user}: no 180 from ${target} (final ${response.status})`);
    return ringingAt - sentAt;
  }

  /**
   * An initial publication of this agent's presence (RFC 3903 §4.2, no SIP-If-Match), answering the lab's 407
   * once; resolves with `performance.now()` when the PUBLISH that got through was handed to the WebSocket.
   */
  async publish(pidf: string): Promise<number> {
    const aor = `sip:${this.user}@${this.domain}`;
    const base = { uri: aor, from: `<${aor}>;tag=${rand(4)}`, to: `<${aor}>`, callId: rand(8) };
    const headers = [
      { name: 'Event', value: 'presence' },
      { name: 'Expires', value: '3600' },
      { name: 'Content-Type', value: 'application/pidf+xml' },
    ];
    let request = this.build('PUBLISH', base, headers, pidf);
    let sentAt = performance.now();
    let response = await this.transact(request, () => false);
    if (response.status === 401 || response.status === 407) {
      request = this.build('PUBLISH', base, [...headers, this.credentials(request, response)], pidf);
      sentAt = performance.now();
      response = await this.transact(request, () => false);
    }
    if (response.status !== 200) throw new Error(`${this.user}: PUBLISH ${response.status}`);
    return sentAt;
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }

  /** As a callee: ring at once, then decline, so the caller's INVITE completes without media. */
  private onRequest(req: SipRequest): void {
    if (req.method === 'ACK') return;
    const rr = req.headers.filter((h) => h.name === 'Record-Route');
    if (req.method === 'INVITE') {
      const contact = { name: 'Contact', value: `<sip:${this.user}@${this.host};transport=ws>` };
      const toTag = rand(4);
      this.ws.send(serialize(createResponse(req, 180, { toTag, headers: [contact, ...rr] })));
      this.ws.send(serialize(createResponse(req, 486, { toTag })));
      return;
    }
    this.ws.send(serialize(createResponse(req, req.method === 'CANCEL' ? 481 : 200)));
  }

  private build(
    method: string,
    o: { uri: string; from: string; to: string; callId: string },
    extra: Header[],
    body = '',
  ): SipRequest {
    return {
      kind: 'request',
      method,
      uri: o.uri,
      headers: [
        { name: 'Via', value: `SIP/2.0/WS ${this.host};branch=z9hG4bK${rand()}` },
        { name: 'Max-Forwards', value: '70' },
        { name: 'From', value: o.from },
        { name: 'To', value: o.to },
        { name: 'Call-ID', value: o.callId },
        { name: 'CSeq', value: `${this.cseq++} ${method}` },
        { name: 'Contact', value: `<sip:${this.user}@${this.host};transport=ws>` },
        ...extra,
      ],
      body: Buffer.from(body),
    };
  }

  private credentials(request: SipRequest, challenge: SipResponse): Header {
    const proxy = challenge.status === 407;
    const c = parseDigestCredentials(getHeaders(challenge, proxy ? 'Proxy-Authenticate' : 'WWW-Authenticate')[0] ?? '');
    if (!c) throw new Error('unreadable challenge');
    const value = digestResponse({
      user: this.user,
      password: this.password,
      realm: c.get('realm') ?? this.domain,
      nonce: c.get('nonce') ?? '',
      method: request.method,
      uri: request.uri,
      ...(c.has('opaque') ? { opaque: c.get('opaque')! } : {}),
    });
    return { name: proxy ? 'Proxy-Authorization' : 'Authorization', value };
  }

  /** Resolves with the final response; `onProvisional` sees the others. */
  private transact(req: SipRequest, onProvisional: (r: SipResponse) => boolean): Promise<SipResponse> {
    const key = `${getHeader(req, 'Call-ID')} ${getHeader(req, 'CSeq')}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(key);
        reject(new Error(`${this.user}: no final response to ${req.method} within 10 s`));
      }, 10_000);
      this.pending.set(key, {
        onResponse: (r) => {
          if (r.status < 200) {
            onProvisional(r);
            return;
          }
          clearTimeout(timer);
          this.pending.delete(key);
          resolve(r);
        },
      });
      this.ws.send(serialize(req));
    });
  }

  private ackNon2xx(invite: SipRequest, response: SipResponse): void {
    const headers = invite.headers.filter((h) => ['Via', 'From', 'Call-ID', 'Max-Forwards'].includes(h.name));
    headers.push({ name: 'To', value: getHeader(response, 'To') ?? '' });
    headers.push({ name: 'CSeq', value: `${getHeader(invite, 'CSeq')!.split(' ')[0]} ACK` });
    this.ws.send(serialize({ kind: 'request', method: 'ACK', uri: invite.uri, headers, body: Buffer.alloc(0) }));
  }
}

/** A small audio offer, so the INVITE is the size a real one is in order of magnitude (no media flows). */
const BENCH_SDP =
  'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n' +
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\na=rtpmap:111 opus/48000/2\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n';
