import { parsePidf, PIDF_CONTENT_TYPE, type AgentPresence } from '../../../shared/presence/pidf.js';
import { DIALOG_INFO_CONTENT_TYPE } from '../../../shared/presence/dialog-info.js';
import type { AgentBoard } from '../acd/agents.js';
import type { QueueEngine } from '../acd/queues.js';
import type { LabConfig } from '../config.js';
import type { LabLogger } from '../log.js';
import type { CallTracker } from '../proxy/calls.js';
import type { ServerTxn, TransactionLayer } from '../proxy/transactions.js';
import type { Registrar } from '../registrar.js';
import { createResponse, randomToken } from '../sip/build.js';
import { parseNameAddr, parseSmallInt } from '../sip/fields.js';
import { getHeader } from '../sip/headers.js';
import type { SipRequest } from '../sip/types.js';
import type { Connection } from '../transport.js';
import { QUEUE_BOARD_EVENT, type QueueBoard } from '../../../shared/presence/queue-board.js';
import { countMembers, dialogInfoFor, pidfFor, type PresenceFacts } from './documents.js';

/**
 * The lab as a presence server (RFC 3856 presence, RFC 4235 dialog, and the Warmline queue board
 * as the `x-warmline-queues` package), with event state publication (RFC 3903):
 *
 * - `PUBLISH sip:USER@DOMAIN` (Event: presence, PIDF) by USER only: stored with an entity-tag
 *   until it expires or is removed (Expires: 0).
 * - `SUBSCRIBE sip:USER@DOMAIN` (Event: presence or dialog) by any signed-in account, and
 *   `SUBSCRIBE sip:queues@DOMAIN` (Event: x-warmline-queues): answered 200, then a NOTIFY with the
 *   current state at once and on every change (RFC 6665 §4.2.2), sent over the subscriber's
 *   connection to its Contact. Refreshes and unsubscribes arrive at the lab's Contact
 *   (`sip:presence@DOMAIN`). A subscription ends when it expires, its connection closes, or the
 *   subscriber answers a NOTIFY with 481.
 *
 * State is compared per document, so an unchanged state sends nothing; changes are looked for on
 * every nudge from the ACD and the proxy and once a second (queue waiting times).
 */
export const PRESENCE_USER = 'presence';
export const QUEUE_BOARD_USER = 'queues';
const DEFAULT_EXPIRES = 600;
const MAX_EXPIRES = 3600;
const MIN_EXPIRES = 60;
const MAX_SUBSCRIPTIONS = 5_000;
const MAX_PER_CONNECTION = 400;
const SERVICE_LEVEL_TARGET_SECONDS = 20;

export interface PresenceDeps {
  readonly config: LabConfig;
  readonly txns: TransactionLayer;
  readonly registrar: Registrar;
  readonly board: AgentBoard;
  readonly queues: QueueEngine;
  readonly calls: CallTracker;
  readonly connection: (id: number) => Connection | undefined;
  readonly log: LabLogger;
  readonly now?: () => number;
}

interface Subscription {
  readonly callId: string;
  readonly event: string;
  /** The account watched, or QUEUE_BOARD_USER. */
  readonly target: string;
  readonly connId: number;
  readonly remoteTarget: string;
  readonly localTag: string;
  readonly remoteTag: string;
  readonly remoteUri: string;
  cseq: number;
  version: number;
  expiresAt: number;
  lastBody: string | undefined;
}

interface Publication {
  readonly etag: string;
  readonly presence: AgentPresence;
  readonly expiresAt: number;
}

export class PresenceService {
  private readonly subs = new Map<string, Subscription>();
  private readonly published = new Map<string, Publication>();
  private readonly offeredWait = new Map<string, number>();
  private readonly answeredToday = new Map<string, { day: string; answered: number; within: number }>();
  private readonly timer: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(private readonly d: PresenceDeps) {
    this.now = d.now ?? Date.now;
    this.timer = setInterval(() => this.changed(), 1000);
    this.timer.unref();
  }

  close(): void {
    clearInterval(this.timer);
  }

  /** A request for the presence server: PUBLISH or SUBSCRIBE, already authenticated as `user`. */
  handle(st: ServerTxn, user: string, target: string): void {
    const req = st.request;
    if (req.method === 'PUBLISH') return this.publish(st, user, target);
    if (req.method !== 'SUBSCRIBE')
      return this.d.txns.reply(st, 405, { headers: [{ name: 'Allow', value: 'SUBSCRIBE, PUBLISH' }] });
    const event = (getHeader(req, 'Event') ?? '').split(';')[0]!.trim().toLowerCase();
    const to = parseNameAddr(getHeader(req, 'To')!);
    if (to.params.has('tag')) return this.refresh(st, event);
    const events: readonly string[] = [...this.d.config.presencePackages, QUEUE_BOARD_EVENT];
    if (!events.includes(event))
      return this.d.txns.reply(st, 489, {
        reason: 'Bad Event',
        headers: [{ name: 'Allow-Events', value: events.join(', ') }],
      });
    const board = event === QUEUE_BOARD_EVENT;
    if (board !== (target === QUEUE_BOARD_USER)) return this.d.txns.reply(st, 489, { reason: 'Bad Event' });
    if (!board && !this.d.config.accounts.some((a) => a.user === target)) return this.d.txns.reply(st, 404);
    const contact = getHeader(req, 'Contact');
    if (!contact) return this.d.txns.reply(st, 400, { reason: 'Missing Contact' });
    const expires = this.expiresOf(req);
    if (expires === 0) return this.d.txns.reply(st, 200, { headers: [{ name: 'Expires', value: '0' }] });
    if (this.subs.size >= MAX_SUBSCRIPTIONS || this.countOn(st.conn.id) >= MAX_PER_CONNECTION) {
      return this.d.txns.reply(st, 503, { reason: 'Too Many Subscriptions', headers: [{ name: 'Retry-After', value: '60' }] });
    }
    const callId = getHeader(req, 'Call-ID')!;
    const from = parseNameAddr(getHeader(req, 'From')!);
    const sub: Subscription = {
      callId,
      event,
      target,
      connId: st.conn.id,
      remoteTarget: parseNameAddr(contact).uri.raw,
      localTag: randomToken(),
      remoteTag: String(from.params.get('tag') ?? ''),
      remoteUri: from.uri.raw,
      cseq: 1,
      version: 0,
      expiresAt: this.now() + expires * 1000,
      lastBody: undefined,
    };
    this.subs.set(callId, sub);
    this.d.txns.respond(st, createOk(st, sub, expires, this.d.config.domain));
    this.d.log({ event: 'presence-subscribe', package: event, watcher: user, target, expires });
    this.notify(sub, 'active');
  }

  /** Something changed somewhere: every subscription whose document differs gets a NOTIFY. */
  changed(): void {
    const now = this.now();
    for (const [etagUser, p] of this.published) if (p.expiresAt <= now) this.published.delete(etagUser);
    for (const sub of [...this.subs.values()]) {
      if (sub.expiresAt <= now) {
        this.notify(sub, 'terminated;reason=timeout');
        this.subs.delete(sub.callId);
      } else {
        this.notify(sub, 'active');
      }
    }
  }

  dropConnection(connId: number): void {
    for (const [callId, sub] of this.subs) if (sub.connId === connId) this.subs.delete(callId);
  }

  /** The queue engine's log events tell when a call was offered and answered: today's service level. */
  observe(event: Record<string, unknown>): void {
    const callId = typeof event.callId === 'string' ? event.callId : undefined;
    if (!callId) return;
    if (event.event === 'queue-offer' && typeof event.waited === 'number') this.offeredWait.set(callId, event.waited);
    if (event.event === 'queue-answered' && typeof event.queue === 'string') {
      const waited = this.offeredWait.get(callId) ?? 0;
      this.offeredWait.delete(callId);
      const day = new Date(this.now()).toISOString().slice(0, 10);
      const current = this.answeredToday.get(event.queue);
      const today = current?.day === day ? current : { day, answered: 0, within: 0 };
      today.answered += 1;
      // The queue engine logs `waited` in whole seconds (acd/queues.ts).
      if (waited <= SERVICE_LEVEL_TARGET_SECONDS) today.within += 1;
      this.answeredToday.set(event.queue, today);
    }
    if (this.offeredWait.size > 10_000) this.offeredWait.clear();
  }

  private publish(st: ServerTxn, user: string, target: string): void {
    const req = st.request;
    if (target !== user) return this.d.txns.reply(st, 403, { reason: 'Only Your Own Presence' });
    const event = (getHeader(req, 'Event') ?? '').split(';')[0]!.trim().toLowerCase();
    // A lab serving busy lamps only (config presencePackages) takes no presence publication either.
    const served = this.d.config.presencePackages.includes('presence');
    if (event !== 'presence' || !served)
      return this.d.txns.reply(st, 489, {
        reason: 'Bad Event',
        ...(served ? { headers: [{ name: 'Allow-Events', value: 'presence' }] } : {}),
      });
    const expires = this.expiresOf(req);
    const ifMatch = getHeader(req, 'SIP-If-Match');
    const current = this.published.get(user);
    if (ifMatch !== undefined && current?.etag !== ifMatch) return this.d.txns.reply(st, 412);
    if (expires === 0) {
      this.published.delete(user);
      this.d.txns.reply(st, 200, { headers: [{ name: 'Expires', value: '0' }] });
      return this.changed();
    }
    let presence = current?.presence;
    if (req.body.length > 0) {
      const type = getHeader(req, 'Content-Type')?.split(';')[0]?.trim().toLowerCase();
      if (type !== PIDF_CONTENT_TYPE)
        return this.d.txns.reply(st, 415, { headers: [{ name: 'Accept', value: PIDF_CONTENT_TYPE }] });
      const parsed = parsePidf(req.body.toString('utf8'));
      if (!parsed.ok) return this.d.txns.reply(st, 400, { reason: `Bad PIDF (${parsed.error})` });
      presence = parsed.value;
    } else if (!current) {
      return this.d.txns.reply(st, 412);
    }
    const etag = randomToken();
    this.published.set(user, { etag, presence: presence!, expiresAt: this.now() + expires * 1000 });
    this.d.txns.reply(st, 200, {
      headers: [
        { name: 'SIP-ETag', value: etag },
        { name: 'Expires', value: String(expires) },
      ],
    });
    this.d.log({ event: 'presence-publish', user, state: presence!.kind });
    this.changed();
  }

  private refresh(st: ServerTxn, event: string): void {
    const sub = this.subs.get(getHeader(st.request, 'Call-ID')!);
    if (!sub || sub.event !== event || sub.connId !== st.conn.id) return this.d.txns.reply(st, 481);
    const expires = this.expiresOf(st.request);
    sub.expiresAt = this.now() + expires * 1000;
    this.d.txns.respond(st, createOk(st, sub, expires, this.d.config.domain));
    if (expires === 0) {
      this.notify(sub, 'terminated;reason=timeout', true);
      this.subs.delete(sub.callId);
    } else {
      this.notify(sub, 'active', true);
    }
  }

  private notify(sub: Subscription, state: string, force = false): void {
    const conn = this.d.connection(sub.connId);
    if (!conn || !conn.isOpen()) {
      this.subs.delete(sub.callId);
      return;
    }
    const { type, body } = this.documentFor(sub);
    const terminated = state.startsWith('terminated');
    if (!force && !terminated && body === sub.lastBody) return;
    sub.lastBody = body;
    sub.version += 1;
    const remaining = Math.max(0, Math.round((sub.expiresAt - this.now()) / 1000));
    const domain = this.d.config.domain;
    const request: SipRequest = {
      kind: 'request',
      method: 'NOTIFY',
      uri: sub.remoteTarget,
      headers: [
        { name: 'Max-Forwards', value: '70' },
        { name: 'From', value: `<sip:${sub.target}@${domain}>;tag=${sub.localTag}` },
        { name: 'To', value: `<${sub.remoteUri}>;tag=${sub.remoteTag}` },
        { name: 'Call-ID', value: sub.callId },
        { name: 'CSeq', value: `${sub.cseq++} NOTIFY` },
        { name: 'Contact', value: `<sip:${PRESENCE_USER}@${domain};transport=ws>` },
        { name: 'Event', value: sub.event },
        { name: 'Subscription-State', value: terminated ? state : `active;expires=${remaining}` },
        { name: 'Content-Type', value: type },
      ],
      body: Buffer.from(body),
    };
    this.d.txns.send(request, conn, 32_000, (resp) => {
      if (resp.status === 481 || resp.status === 408) this.subs.delete(sub.callId);
    });
  }

  private documentFor(sub: Subscription): { type: string; body: string } {
    const domain = this.d.config.domain;
    if (sub.event === QUEUE_BOARD_EVENT) return { type: 'application/json', body: JSON.stringify(this.queueBoard()) };
    const entity = `sip:${sub.target}@${domain}`;
    if (sub.event === 'dialog') {
      const calls = this.d.calls.snapshot().filter((c) => c.users.includes(sub.target));
      return { type: DIALOG_INFO_CONTENT_TYPE, body: dialogInfoFor(entity, sub.version, calls) };
    }
    return { type: PIDF_CONTENT_TYPE, body: pidfFor(this.factsOf(sub.target, entity)) };
  }

  private factsOf(user: string, entity: string): PresenceFacts {
    const queues = this.d.board.queuesOf(user);
    return {
      entity,
      registered: this.d.registrar.isRegistered(user),
      activeCalls: this.d.calls.activeCallsOf(user),
      paused: queues.length > 0 && queues.every((q) => this.d.board.state(user, q) === 'paused'),
      published: this.published.get(user)?.presence,
    };
  }

  queueBoard(): QueueBoard {
    const waiting = this.d.queues.snapshot();
    const day = new Date(this.now()).toISOString().slice(0, 10);
    return {
      v: 1 as const,
      queues: this.d.config.queues.map((q) => {
        const mine = waiting.filter((w) => w.queue === q.name);
        const today = this.answeredToday.get(q.name);
        const served = today?.day === day ? today : { answered: 0, within: 0 };
        return {
          name: q.name,
          waiting: mine.length,
          longestWaitSeconds: mine.reduce((m, w) => Math.max(m, w.waitedSeconds), 0),
          members: countMembers(
            this.d.board.members(q.name).map((user) => ({
              board: this.d.board.state(user, q.name),
              presence: this.published.get(user)?.presence.kind,
            })),
          ),
          serviceLevel: { targetSeconds: SERVICE_LEVEL_TARGET_SECONDS, answered: served.answered, withinTarget: served.within },
          callTargetSeconds: q.callTargetSeconds,
          consults: mine
            .filter((w) => w.consult && w.from !== undefined && /^[\w.+-]{1,64}$/.test(w.from))
            .slice(0, 50)
            .map((w) => ({ from: w.from!, waitedSeconds: w.waitedSeconds, ...(w.ringing ? { ringing: w.ringing } : {}) })),
          people: [...this.d.board.members(q.name)],
        };
      }),
    };
  }

  private expiresOf(req: SipRequest): number {
    const raw = getHeader(req, 'Expires');
    let n = DEFAULT_EXPIRES;
    try {
      if (raw !== undefined) n = parseSmallInt(raw, 0x7fffffff);
    } catch {
      // an unreadable Expires gets the default, as an absent one does
    }
    return n === 0 ? 0 : Math.min(MAX_EXPIRES, Math.max(MIN_EXPIRES, n));
  }

  private countOn(connId: number): number {
    let n = 0;
    for (const s of this.subs.values()) if (s.connId === connId) n++;
    return n;
  }
}

/** The 200 carries the dialog's local tag and our Contact, so refreshes and unsubscribes reach the lab. */
function createOk(st: ServerTxn, sub: Subscription, expires: number, domain: string) {
  return createResponse(st.request, 200, {
    toTag: sub.localTag,
    headers: [
      { name: 'Expires', value: String(expires) },
      { name: 'Contact', value: `<sip:${PRESENCE_USER}@${domain};transport=ws>` },
    ],
  });
}
