/**
 * A SIP user agent's transport and transaction layer, just enough for a simulated customer (RFC 3261 §17.1 over
 * a reliable transport: no retransmissions; RFC 7118 for the WebSocket). It reuses the lab's parser and
 * serialiser but talks to any SIP-over-WebSocket server, the lab being one.
 */
import { WebSocket } from 'ws';
import { digestResponse, parseDigestCredentials } from '../auth/digest.js';
import { createResponse, newBranch, randomToken } from '../sip/build.js';
import { getHeader, getHeaders } from '../sip/headers.js';
import { parseMessage } from '../sip/parse.js';
import { serialize } from '../sip/serialize.js';
import type { Header, SipRequest, SipResponse } from '../sip/types.js';

export interface SipAccount {
  readonly wsUrl: string;
  readonly domain: string;
  readonly user: string;
  readonly password: string;
}

interface ClientTxn {
  readonly request: SipRequest;
  readonly onProvisional: (r: SipResponse) => void;
  readonly onFinal: (r: SipResponse) => void;
}

const TXN_TIMEOUT_MS = 32_000; // Timer F / Timer B (64·T1)

export class SipSocket {
  /** RFC 7118 §5: the Via and Contact host of a WebSocket client is a made-up `.invalid` name. */
  readonly host = `${randomToken(5)}.invalid`;
  private readonly txns = new Map<string, ClientTxn>();
  onRequest: (req: SipRequest) => void = () => {};
  onClose: () => void = () => {};

  private constructor(
    private readonly ws: WebSocket,
    readonly account: SipAccount,
  ) {
    ws.on('message', (data: Buffer) => this.receive(data));
    ws.on('close', () => {
      for (const txn of this.txns.values()) txn.onFinal(syntheticResponse(txn.request, 408));
      this.txns.clear();
      this.onClose();
    });
    ws.on('error', () => undefined);
  }

  static connect(account: SipAccount): Promise<SipSocket> {
    const ws = new WebSocket(account.wsUrl, ['sip']);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new SipSocket(ws, account)));
      ws.once('error', reject);
    });
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  contact(): string {
    return `<sip:${this.account.user}@${this.host};transport=ws>`;
  }

  /** A request with a fresh Via branch; callers add dialog headers. */
  request(method: string, uri: string, headers: Header[], body?: { type: string; text: string }): SipRequest {
    const all: Header[] = [
      { name: 'Via', value: `SIP/2.0/WS ${this.host};branch=${newBranch()}` },
      { name: 'Max-Forwards', value: '70' },
      ...headers,
      { name: 'User-Agent', value: 'Warmline-Lab-Customer' },
    ];
    if (body) all.push({ name: 'Content-Type', value: body.type });
    return { kind: 'request', method, uri, headers: all, body: Buffer.from(body?.text ?? '') };
  }

  send(msg: SipRequest | SipResponse): void {
    if (this.open) this.ws.send(serialize(msg));
  }

  /** Send a request and wait for its final response (synthetic 408 on timeout or a closed socket). */
  transact(request: SipRequest, onProvisional: (r: SipResponse) => void = () => {}): Promise<SipResponse> {
    return new Promise((resolve) => {
      const branch = branchOf(request);
      const timer = setTimeout(() => finish(syntheticResponse(request, 408)), TXN_TIMEOUT_MS);
      timer.unref();
      const finish = (r: SipResponse): void => {
        clearTimeout(timer);
        this.txns.delete(branch);
        resolve(r);
      };
      // An INVITE transaction waits as long as the queue holds the caller; the caller's CANCEL or the server ends it.
      if (request.method === 'INVITE') clearTimeout(timer);
      this.txns.set(branch, { request, onProvisional, onFinal: finish });
      this.send(request);
    });
  }

  /**
   * Answer a 401/407 challenge (RFC 3261 §22.2, §22.3): the same request with credentials, a new branch and
   * the next CSeq. Returns null when the challenge is not one we can answer.
   */
  withCredentials(request: SipRequest, challenge: SipResponse, cseq: number): SipRequest | null {
    const proxy = challenge.status === 407;
    const offers = getHeaders(challenge, proxy ? 'Proxy-Authenticate' : 'WWW-Authenticate')
      .map((v) => parseDigestCredentials(v))
      .filter(
        (c): c is Map<string, string> => c !== null && ['MD5', 'SHA-256'].includes((c.get('algorithm') ?? 'MD5').toUpperCase()),
      );
    const c = offers[0];
    if (!c) return null;
    const value = digestResponse({
      user: this.account.user,
      password: this.account.password,
      realm: c.get('realm') ?? this.account.domain,
      nonce: c.get('nonce') ?? '',
      method: request.method,
      uri: request.uri,
      algorithm: (c.get('algorithm') ?? 'MD5').toUpperCase() as 'MD5' | 'SHA-256',
      ...(c.has('opaque') ? { opaque: c.get('opaque')! } : {}),
    });
    const headers = request.headers
      .filter((h) => h.name !== 'Via' && h.name !== 'CSeq' && h.name !== 'Authorization' && h.name !== 'Proxy-Authorization')
      .map((h) => ({ ...h }));
    headers.unshift({ name: 'Via', value: `SIP/2.0/WS ${this.host};branch=${newBranch()}` });
    headers.push({ name: 'CSeq', value: `${cseq} ${request.method}` });
    headers.push({ name: proxy ? 'Proxy-Authorization' : 'Authorization', value });
    return { ...request, headers };
  }

  /** RFC 3261 §17.1.1.3: ACK for a non-2xx final, in the INVITE's transaction (same branch). */
  ackNon2xx(invite: SipRequest, response: SipResponse): void {
    const headers = invite.headers.filter((h) => ['Via', 'Route', 'From', 'Call-ID', 'Max-Forwards'].includes(h.name));
    headers.push({ name: 'To', value: getHeader(response, 'To') ?? '' });
    headers.push({ name: 'CSeq', value: `${getHeader(invite, 'CSeq')!.split(' ')[0]} ACK` });
    this.send({ kind: 'request', method: 'ACK', uri: invite.uri, headers, body: Buffer.alloc(0) });
  }

  /** RFC 3261 §9.1: CANCEL an INVITE that has had a provisional response. */
  cancel(invite: SipRequest): Promise<SipResponse> {
    const headers = invite.headers
      .filter((h) => ['Route', 'From', 'To', 'Call-ID', 'Max-Forwards'].includes(h.name))
      .map((h) => ({ ...h }));
    headers.unshift({ name: 'Via', value: getHeaders(invite, 'Via')[0] ?? '' });
    headers.push({ name: 'CSeq', value: `${getHeader(invite, 'CSeq')!.split(' ')[0]} CANCEL` });
    const cancel: SipRequest = { kind: 'request', method: 'CANCEL', uri: invite.uri, headers, body: Buffer.alloc(0) };
    // Same branch as the INVITE, so its own transaction is keyed by method too.
    return new Promise((resolve) => {
      const key = `${branchOf(cancel)} CANCEL`;
      const timer = setTimeout(() => done(syntheticResponse(cancel, 408)), TXN_TIMEOUT_MS);
      timer.unref();
      const done = (r: SipResponse): void => {
        clearTimeout(timer);
        this.txns.delete(key);
        resolve(r);
      };
      this.txns.set(key, { request: cancel, onProvisional: () => {}, onFinal: done });
      this.send(cancel);
    });
  }

  reply(
    req: SipRequest,
    status: number,
    options: { toTag?: string; headers?: Header[]; body?: { type: string; text: string } } = {},
  ): void {
    const headers = [...(options.headers ?? [])];
    if (options.body) headers.push({ name: 'Content-Type', value: options.body.type });
    this.send(
      createResponse(req, status, {
        ...(options.toTag ? { toTag: options.toTag } : {}),
        headers,
        ...(options.body ? { body: Buffer.from(options.body.text) } : {}),
      }),
    );
  }

  close(): void {
    this.ws.close();
  }

  private receive(data: Buffer): void {
    const parsed = parseMessage(data);
    if (parsed.kind !== 'message') return;
    const msg = parsed.message;
    if (msg.kind === 'request') {
      this.onRequest(msg);
      return;
    }
    const method = getHeader(msg, 'CSeq')?.split(/\s+/)[1] ?? '';
    const branch = /;\s*branch=([^;,\s]+)/i.exec(getHeaders(msg, 'Via')[0] ?? '')?.[1] ?? '';
    const txn = this.txns.get(method === 'CANCEL' ? `${branch} CANCEL` : branch);
    if (!txn) {
      this.onStrayResponse(msg);
      return;
    }
    if (msg.status < 200) txn.onProvisional(msg);
    else txn.onFinal(msg);
  }

  /** A 2xx retransmitted after its transaction ended (RFC 3261 §13.2.2.4): the dialog re-sends its ACK. */
  onStrayResponse: (r: SipResponse) => void = () => {};
}

function branchOf(req: SipRequest): string {
  return /;\s*branch=([^;,\s]+)/i.exec(getHeaders(req, 'Via')[0] ?? '')?.[1] ?? '';
}

function syntheticResponse(req: SipRequest, status: number): SipResponse {
  return createResponse(req, status);
}
