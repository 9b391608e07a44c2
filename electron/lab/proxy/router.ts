import { createResponse, newBranch } from '../sip/build.js';
import { parseNameAddr, parseSmallInt } from '../sip/fields.js';
import { getHeader, getHeaders, removeFirstHeader } from '../sip/headers.js';
import { parseUri, uriUser } from '../sip/uri.js';
import type { NameAddr, SipRequest, SipResponse, SipUri } from '../sip/types.js';
import type { Connection } from '../transport.js';
import type { LabConfig } from '../config.js';
import type { LabLogger } from '../log.js';
import type { DigestAuthenticator } from '../auth/digest.js';
import type { AuthThrottle } from '../auth/throttle.js';
import { contactKey, type Registrar } from '../registrar.js';
import type { QueueEngine } from '../acd/queues.js';
import type { AgentBoard } from '../acd/agents.js';
import { AGENT_STATE_HEADER, CONTROL_USER, runControlCommand } from '../acd/control.js';
import type { CallTracker } from './calls.js';
import type { ContactTable } from './contacts.js';
import type { DialogTable } from './dialogs.js';
import { PRESENCE_USER, QUEUE_BOARD_USER, type PresenceService } from '../presence/service.js';
import { fork, prepareForward, type Target } from './forward.js';
import { addReceived, stripAssertedIdentity, tagOf } from './message-edits.js';
import { serverTxnKey, type ServerTxn, type TransactionLayer } from './transactions.js';

export interface RouterDeps {
  readonly config: LabConfig;
  readonly txns: TransactionLayer;
  readonly registrar: Registrar;
  readonly auth: DigestAuthenticator;
  readonly throttle: AuthThrottle;
  readonly queues: QueueEngine;
  readonly board: AgentBoard;
  readonly calls: CallTracker;
  readonly contacts: ContactTable;
  readonly dialogs: DialogTable;
  readonly presence: PresenceService;
  readonly connection: (id: number) => Connection | undefined;
  readonly localHosts: ReadonlySet<string>;
  readonly recordRoute: string;
  readonly viaHost: string;
  readonly log: LabLogger;
}

const ALLOW = 'INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO, REFER, NOTIFY, MESSAGE, SUBSCRIBE, PUBLISH, PRACK, REGISTER';
/** Requests that may create a dialog (RFC 3261 §16.6 step 4; RFC 3515 and 6665 for REFER and SUBSCRIBE). */
const DIALOG_CREATING = new Set(['INVITE', 'SUBSCRIBE', 'REFER', 'NOTIFY']);

export class Router {
  private readonly displayNames: ReadonlyMap<string, string>;

  constructor(private readonly d: RouterDeps) {
    this.displayNames = new Map(d.config.accounts.flatMap((a) => (a.displayName ? [[a.user, a.displayName] as const] : [])));
  }

  handleResponse(conn: Connection, resp: SipResponse): void {
    stripAssertedIdentity(resp);
    // Learned only from a response that answers a request the lab sent on this very connection (finding 1).
    if (this.d.txns.handleResponse(resp, conn.id))
      this.d.contacts.learn(conn.id, resp, this.d.registrar.userOfConnection(conn.id));
    else this.d.log({ event: 'sip-stray-response', status: resp.status, conn: conn.id });
  }

  handleRequest(conn: Connection, req: SipRequest): void {
    const { txns } = this.d;
    // Keyed before addReceived rewrites the top Via (received= is not part of the key): the parser has just read
    // that very Via, so it is not parsed a second time (issue 19).
    const key = serverTxnKey(req)!;
    addReceived(req, conn);
    stripAssertedIdentity(req);
    if (req.method === 'ACK') return this.handleAck(conn, req);
    if (req.method === 'CANCEL') return this.handleCancel(conn, req);
    if (txns.server.has(key)) return; // a retransmission; reliable transports should not send them.
    const st = txns.createServerTxn(key, req, conn);
    // RFC 3261 §16.2: a stateful proxy answers INVITE with 100 at once, so the caller stops retransmitting.
    if (req.method === 'INVITE') txns.reply(st, 100);

    const mf = getHeader(req, 'Max-Forwards');
    const uri = parseUri(req.uri);
    const toSelf = this.isLocal(uri) && uri.user === null;
    if (mf !== undefined && parseSmallInt(mf, 255) === 0 && !(toSelf && req.method === 'OPTIONS')) {
      return txns.reply(st, 483);
    }
    const proxyRequire = getHeader(req, 'Proxy-Require');
    if (proxyRequire !== undefined) return txns.reply(st, 420, { headers: [{ name: 'Unsupported', value: proxyRequire }] });
    this.popOwnRoute(req);

    if (req.method === 'REGISTER') return this.handleRegister(st, uri);
    // In-dialog requests target the peer's Contact. One with a To tag aimed at an AOR of ours is no dialog the lab
    // saw set up, so it is authenticated and routed like a new request rather than let past the challenge.
    const inDialog = parseNameAddr(getHeader(req, 'To')!).params.has('tag');
    if (inDialog && !(this.isLocal(uri) && uri.user !== null)) return this.routeInDialog(st, uri);
    if (toSelf) {
      if (req.method === 'OPTIONS') return txns.reply(st, 200, { headers: [{ name: 'Allow', value: ALLOW }] });
      return txns.reply(st, 405, { headers: [{ name: 'Allow', value: 'OPTIONS, REGISTER' }] });
    }
    const user = this.authenticate(st, 'proxy');
    if (user === null) return;
    const from = parseNameAddr(getHeader(req, 'From')!);
    if (this.isLocal(from.uri) && uriUser(from.uri) !== user) {
      return txns.reply(st, 403, { reason: 'From does not match credentials' });
    }
    this.d.contacts.learn(conn.id, req, user);
    req.headers.push({ name: 'P-Asserted-Identity', value: this.assertedIdentity(user, from) });
    this.routeNew(st, uri, user);
  }

  /**
   * RFC 3325 §9.1: who the caller really is, as the lab authenticated them; the agent's phone shows this rather
   * than a From it cannot check (finding 3). The display name is the caller's own when the From is their own
   * address (names are self-chosen anyway), else the account's configured one.
   */
  private assertedIdentity(user: string, from: NameAddr): string {
    const ownFrom = this.isLocal(from.uri) && uriUser(from.uri) === user;
    const name = (ownFrom ? from.displayName : null) ?? this.displayNames.get(user) ?? null;
    const quoted = name === null || name === '' ? '' : `"${name.replace(/(["\\])/g, '\\$1')}" `;
    return `${quoted}<sip:${user}@${this.d.config.domain}>`;
  }

  private routeNew(st: ServerTxn, uri: SipUri, caller: string): void {
    const { txns, registrar, queues, config } = this.d;
    const req = st.request;
    if (!this.isLocal(uri)) {
      const target = this.contactTarget(uri);
      return target ? this.forward(st, [target], caller) : txns.reply(st, 404);
    }
    const user = uriUser(uri)!;
    if (user === CONTROL_USER) return this.handleControl(st, caller);
    if (req.method === 'SUBSCRIBE' || req.method === 'PUBLISH' || user === PRESENCE_USER || user === QUEUE_BOARD_USER) {
      return this.d.presence.handle(st, caller, user);
    }
    if (queues.isQueue(user)) {
      if (req.method === 'INVITE') {
        // The agent who answers joins the dialog in the lab's onAnswered (server.ts).
        this.d.dialogs.open(getHeader(req, 'Call-ID')!, tagOf(req, 'From'), st.conn.id, caller);
        return queues.enqueue(user, st);
      }
      return txns.reply(st, 405, { headers: [{ name: 'Allow', value: 'INVITE' }] });
    }
    if (!config.accounts.some((a) => a.user === user)) return txns.reply(st, 404);
    const targets = registrar
      .lookup(user)
      .map((b) => ({ conn: this.d.connection(b.connId), uri: b.contact.uri.raw }))
      .filter((t): t is Target => t.conn !== undefined && t.conn.isOpen());
    if (targets.length === 0) return txns.reply(st, 480, { reason: 'Not Registered' });
    this.forward(st, targets, caller);
  }

  /** `newDialog`: an authenticated out-of-dialog request, whose dialog (if it makes one) the lab remembers. */
  private forward(st: ServerTxn, targets: readonly Target[], caller: string | null, newDialog = true): void {
    const { txns, calls, registrar, config, dialogs } = this.d;
    const dialogCreating = DIALOG_CREATING.has(st.request.method);
    const recordRoute = dialogCreating ? this.d.recordRoute : null;
    const callId = getHeader(st.request, 'Call-ID')!;
    const tracked = newDialog && dialogCreating;
    if (tracked) {
      dialogs.open(callId, tagOf(st.request, 'From'), st.conn.id, caller);
      for (const t of targets) dialogs.join(callId, t.conn.id, registrar.userOfConnection(t.conn.id));
    }
    fork(txns, st, targets, { recordRoute }, config.inviteTimeoutSeconds * 1000, {
      onAnswered: (target) => {
        const callee = registrar.userOfConnection(target.conn.id);
        const users = [caller, callee].filter((u): u is string => u !== null);
        calls.answered(callId, users, [st.conn.id, target.conn.id]);
      },
      onFinal: (status) => {
        if (!tracked) return;
        if (status < 300) dialogs.confirm(callId);
        else dialogs.failed(callId);
      },
    });
  }

  /**
   * In-dialog requests follow the Route set to us and then the remote target. They are not challenged, so they
   * must belong to a dialog the lab set up, between the connections it set it up between (finding 2): else 481.
   */
  private routeInDialog(st: ServerTxn, uri: SipUri): void {
    const req = st.request;
    const target = this.contactTarget(uri);
    const callId = getHeader(req, 'Call-ID')!;
    const party = this.d.dialogs.admit(callId, [tagOf(req, 'From'), tagOf(req, 'To')], st.conn.id, target?.conn.id ?? null);
    if (party === undefined) {
      this.d.log({ event: 'sip-no-dialog', method: req.method, conn: st.conn.id });
      return this.d.txns.reply(st, 481);
    }
    if (req.method === 'BYE') {
      this.d.calls.ended(callId);
      this.d.dialogs.ended(callId);
    }
    if (!target) return this.d.txns.reply(st, 480, { reason: 'Peer Not Connected' });
    this.d.contacts.learn(st.conn.id, req, party.user); // a target refresh (RFC 3261 §12.2)
    this.forward(st, [target], party.user ?? this.d.registrar.userOfConnection(st.conn.id), false);
  }

  /** ACK to a 2xx is its own transaction with no response (RFC 3261 §16.6 forwarded statelessly here). */
  private handleAck(conn: Connection, req: SipRequest): void {
    const st = this.d.txns.server.get(serverTxnKey(req)!);
    if (st && st.finalStatus !== null && st.finalStatus >= 300) return; // hop-by-hop ACK of our non-2xx: absorbed.
    this.popOwnRoute(req);
    const uri = parseUri(req.uri);
    // An ACK to one of our AORs belongs to no dialog set up through us (remote targets are Contacts): dropped.
    const target = this.isLocal(uri) ? null : this.contactTarget(uri);
    if (!target) return;
    const callId = getHeader(req, 'Call-ID')!;
    if (!this.d.dialogs.admit(callId, [tagOf(req, 'From'), tagOf(req, 'To')], conn.id, target.conn.id)) return;
    const forwarded = prepareForward(req, target, { recordRoute: null });
    forwarded.headers.unshift({ name: 'Via', value: `SIP/2.0/WS ${this.d.viaHost};branch=${newBranch()}` });
    target.conn.send(forwarded);
  }

  /** RFC 3261 §16.10: answer the CANCEL ourselves, then cancel the branches of the matching INVITE. */
  private handleCancel(conn: Connection, req: SipRequest): void {
    const inviteKey = serverTxnKey({ ...req, method: 'INVITE' })!;
    const st = this.d.txns.server.get(inviteKey);
    if (!st) {
      conn.send(createResponse(req, 481));
      return;
    }
    conn.send(createResponse(req, 200, { toTag: st.localTag }));
    this.d.log({
      event: 'sip-transaction',
      method: 'CANCEL',
      callId: getHeader(req, 'Call-ID'),
      status: 200,
      ms: 0,
      conn: conn.id,
    });
    if (st.finalStatus !== null || st.cancelled) return;
    st.cancelled = true;
    if (st.onCancel) st.onCancel();
    else this.d.txns.reply(st, 487);
  }

  private handleRegister(st: ServerTxn, uri: SipUri): void {
    if (!this.isLocal(uri)) return this.d.txns.reply(st, 403, { reason: 'Not A Lab Domain' });
    const user = this.authenticate(st, 'www');
    if (user === null) return;
    const known = new Set(this.d.registrar.phoneOnConnection(st.conn.id)?.contacts ?? []);
    const elsewhere = this.d.registrar
      .lookup(user)
      .filter((b) => b.connId !== st.conn.id)
      .map((b) => ({ connId: b.connId, key: contactKey(b.contact.uri) }));
    const response = this.d.registrar.register(st.request, st.conn.id, user);
    if (response.status === 200) {
      this.d.contacts.learn(st.conn.id, st.request, user);
      this.d.dialogs.rebind(user, st.conn.id);
      const contacts = this.d.registrar.phoneOnConnection(st.conn.id)?.contacts ?? [];
      // The same phone (same Contact) from a new connection while its old one is still open: it moved networks.
      for (const connId of new Set(elsewhere.filter((b) => contacts.includes(b.key)).map((b) => b.connId))) {
        this.d.dialogs.handOver(user, connId, st.conn.id);
        this.d.calls.handOver(user, connId, st.conn.id);
      }
      this.d.calls.rejoin(user, st.conn.id, contacts, contacts.length > 0 && !contacts.some((c) => known.has(c)));
    }
    this.d.txns.respond(st, response);
  }

  private handleControl(st: ServerTxn, user: string): void {
    const req = st.request;
    if (req.method !== 'MESSAGE') return this.d.txns.reply(st, 405, { headers: [{ name: 'Allow', value: 'MESSAGE' }] });
    const type = getHeader(req, 'Content-Type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'text/plain') return this.d.txns.reply(st, 415, { headers: [{ name: 'Accept', value: 'text/plain' }] });
    const result = runControlCommand(this.d.board, user, req.body.toString('utf8'), (picker, caller) =>
      this.d.queues.pickup(picker, caller),
    );
    if (!result.ok) return this.d.txns.reply(st, result.status, { reason: result.reason });
    this.d.log({ event: 'agent-control', user, command: req.body.toString('utf8').trim().slice(0, 40), state: result.state });
    this.d.txns.reply(st, 200, { headers: [{ name: AGENT_STATE_HEADER, value: result.state }] });
    this.d.queues.agentsChanged();
  }

  /**
   * Digest check (RFC 3261 §22): returns the account, or null after sending the 401/407 challenge. An account or
   * address with too many recent failures is refused with 403 and Retry-After, unchecked (finding 4).
   */
  private authenticate(st: ServerTxn, kind: 'www' | 'proxy'): string | null {
    const header = kind === 'www' ? 'Authorization' : 'Proxy-Authorization';
    const verdict = this.d.auth.verify(st.request.method, getHeaders(st.request, header));
    const address = st.conn.remote.replace(/^::ffff:/, '');
    if (verdict.kind === 'ok' || verdict.kind === 'denied') {
      if (this.d.throttle.check(verdict.user, address).blocked) {
        // Unchecked, and it counts: a client that ignores Retry-After only makes its wait longer.
        const failures = this.d.throttle.failed(verdict.user, address);
        const gate = this.d.throttle.check(verdict.user, address);
        const retryAfter = gate.blocked ? gate.retryAfterSeconds : 1;
        this.d.log({ event: 'auth-throttled', user: verdict.user, address, failures, retryAfter, conn: st.conn.id });
        this.d.txns.reply(st, 403, {
          reason: 'Too Many Failed Attempts',
          headers: [{ name: 'Retry-After', value: String(retryAfter) }],
        });
        return null;
      }
    }
    if (verdict.kind === 'ok') {
      this.d.throttle.succeeded(verdict.user);
      st.conn.markAuthenticated();
      return verdict.user;
    }
    if (verdict.kind === 'stale' && verdict.replayed) {
      this.d.log({ event: 'auth-replayed', user: verdict.replayed.user, address, conn: st.conn.id });
    }
    if (verdict.kind === 'denied') {
      const failures = this.d.throttle.failed(verdict.user, address);
      this.d.log({ event: 'auth-denied', reason: verdict.reason, user: verdict.user, address, failures, conn: st.conn.id });
    }
    const challengeHeader = kind === 'www' ? 'WWW-Authenticate' : 'Proxy-Authenticate';
    const headers = this.d.auth.challenges(verdict.kind === 'stale').map((value) => ({ name: challengeHeader, value }));
    this.d.txns.reply(st, kind === 'www' ? 401 : 407, { headers });
    return null;
  }

  private contactTarget(uri: SipUri): Target | null {
    const connId = this.d.contacts.lookup(uri);
    const conn = connId === undefined ? undefined : this.d.connection(connId);
    return conn && conn.isOpen() ? { conn, uri: uri.raw } : null;
  }

  private isLocal(uri: SipUri): boolean {
    return (uri.scheme === 'sip' || uri.scheme === 'sips') && this.d.localHosts.has(uri.host);
  }

  /** RFC 3261 §16.4: a top Route naming this proxy is removed before the request is routed. */
  private popOwnRoute(req: SipRequest): void {
    const top = getHeaders(req, 'Route')[0];
    if (top === undefined) return;
    try {
      const route = parseNameAddr(top).uri;
      if (this.isLocal(route) && route.user === null) removeFirstHeader(req, 'Route');
    } catch {
      // an unparseable Route was refused by the parser already; nothing to pop.
    }
  }
}
