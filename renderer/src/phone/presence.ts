import type { UA } from 'jssip/lib/UA';
import type { Subscriber } from 'jssip/lib/Subscriber';
import { OutgoingRequest, type IncomingResponse } from 'jssip/lib/SIPMessage';
// JsSIP has no PUBLISH client (3.13); its RequestSender answers digest challenges for any request.
// @ts-expect-error untyped internal module of JsSIP, used as its own Message.js uses it
import RequestSender from 'jssip/lib/RequestSender';
import { buildPidf, parsePidf, PIDF_CONTENT_TYPE, type AgentPresence, type PresenceKind } from '../../../shared/presence/pidf';
import type { PresenceCall } from '../../../shared/presence/agent-call';
import { DIALOG_INFO_CONTENT_TYPE, lampOf, parseDialogInfo } from '../../../shared/presence/dialog-info';
import { parseQueueBoard, QUEUE_BOARD_EVENT, type QueueBoard } from '../../../shared/presence/queue-board';
import { isSafeHeaderValue, sipHeader, type SafeHeader } from './headers';

/**
 * The team's presence over standard SIP (issue 15): the agent's own state PUBLISHed as PIDF
 * (RFC 3903), colleagues watched by SUBSCRIBE to the `presence` package (RFC 3856) — and to
 * `dialog` (RFC 4235) for a colleague whose server serves no presence for them — and the queue
 * board by SUBSCRIBE to `x-warmline-queues` where the server has one (the lab does).
 *
 * Everything that arrives is parsed by shared/presence (bounded, no DTD) and turned into typed
 * events; a document that does not parse is dropped, never thrown.
 */
export type PresenceEvent =
  | { readonly type: 'colleague'; readonly user: string; readonly presence: AgentPresence }
  | { readonly type: 'colleague-lamp'; readonly user: string; readonly lamp: 'idle' | 'ringing' | 'on-call' }
  | { readonly type: 'queue-board'; readonly board: QueueBoard | undefined };

export interface OwnPresence {
  readonly kind: PresenceKind;
  readonly since: number;
  readonly reason: string;
  /** On a call: what the supervisor's board shows of it (shared/presence/agent-call.ts). */
  readonly call?: PresenceCall;
}

/** JsSIP's typings omit the constructor that its own Message.js calls. */
type OutgoingRequestConstructor = new (
  method: string,
  ruri: unknown,
  ua: UA,
  params: null,
  extraHeaders: readonly SafeHeader[],
  body: string | undefined,
) => OutgoingRequest;

/** The Subscriber's events as JsSIP emits them (its typings extend Node's EventEmitter, absent here). */
interface SubscriberEvents {
  on(event: 'notify', listener: (isFinal: boolean, request: unknown, body: string | undefined) => void): unknown;
  on(event: 'terminated', listener: (code: number) => void): unknown;
}

const SUBSCRIBE_EXPIRES = 600;
const PUBLISH_EXPIRES = 600;
/** Republish this long before the publication would expire (RFC 3903 §4.1). */
const REFRESH_MARGIN_MS = 60_000;

interface Watch {
  readonly subscriber: Subscriber;
  readonly event: 'presence' | 'dialog' | typeof QUEUE_BOARD_EVENT;
}

export class PresenceClient {
  readonly #watches = new Map<string, Watch>();
  #own: OwnPresence | undefined;
  #etag: string | undefined;
  /** This app start's name in its PIDF tuple and person ids (pidf.ts buildPidf). */
  readonly #instance = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(36).padStart(2, '0')).join('');
  #refresh: ReturnType<typeof setTimeout> | undefined;
  #inFlight = false;
  #pending = false;
  #closed = false;

  constructor(
    private readonly ua: UA,
    private readonly domain: string,
    private readonly self: string,
    private readonly emit: (event: PresenceEvent) => void,
  ) {}

  /** Publish the agent's state; a change while a PUBLISH is in flight is sent right after it. */
  publish(own: OwnPresence): void {
    this.#own = own;
    if (this.#inFlight) {
      this.#pending = true;
      return;
    }
    this.#sendPublish(PUBLISH_EXPIRES);
  }

  /** Watch exactly these colleagues (SIP users); subscriptions for others end. */
  watch(users: readonly string[]): void {
    const wanted = new Set(users.filter((u) => u !== this.self && /^[\w.+-]{1,64}$/.test(u)));
    for (const [key, w] of this.#watches) {
      const user = key.slice(key.indexOf(':') + 1);
      if (w.event !== QUEUE_BOARD_EVENT && !wanted.has(user)) {
        this.#watches.delete(key);
        terminate(w.subscriber);
      }
    }
    for (const user of wanted) if (!this.#watches.has(`presence:${user}`)) this.#subscribe(user, 'presence');
  }

  watchQueueBoard(): void {
    if (!this.#watches.has(`${QUEUE_BOARD_EVENT}:queues`)) this.#subscribe('queues', QUEUE_BOARD_EVENT);
  }

  /** After a reconnect the server may have lost every subscription: start them again. */
  renew(): void {
    const keys = [...this.#watches.keys()];
    for (const key of keys) {
      const w = this.#watches.get(key)!;
      this.#watches.delete(key);
      terminate(w.subscriber);
      this.#subscribe(key.slice(key.indexOf(':') + 1), w.event);
    }
    this.#etag = undefined;
    if (this.#own) this.publish(this.#own);
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#refresh);
    for (const w of this.#watches.values()) terminate(w.subscriber);
    this.#watches.clear();
    if (this.#etag) this.#sendPublish(0);
  }

  #subscribe(user: string, event: Watch['event']): void {
    if (this.#closed) return;
    const accept = event === 'presence' ? PIDF_CONTENT_TYPE : event === 'dialog' ? DIALOG_INFO_CONTENT_TYPE : 'application/json';
    const subscriber = this.ua.subscribe(`sip:${user}@${this.domain}`, event, accept, {
      expires: SUBSCRIBE_EXPIRES,
      contentType: accept,
      extraHeaders: [transportContact(this.ua)],
    });
    const key = `${event === QUEUE_BOARD_EVENT ? QUEUE_BOARD_EVENT : event}:${user}`;
    this.#watches.set(key, { subscriber, event });
    const events = subscriber as unknown as SubscriberEvents;
    events.on('notify', (_final, _request, body) => this.#received(user, event, body ?? ''));
    events.on('terminated', (code) => {
      if (this.#watches.get(key)?.subscriber !== subscriber) return;
      // Not connected yet, or the connection dropped: kept, and started again by renew() on connect.
      const C = subscriber.C;
      if (code === C.SUBSCRIBE_TRANSPORT_ERROR || code === C.SUBSCRIBE_RESPONSE_TIMEOUT) return;
      this.#watches.delete(key);
      if (this.#closed) return;
      // A server without this package (489) or without presence for the user: fall back once.
      if (event === 'presence' && code === subscriber.C.SUBSCRIBE_NON_OK_RESPONSE) this.#subscribe(user, 'dialog');
      else if (event === QUEUE_BOARD_EVENT) this.emit({ type: 'queue-board', board: undefined });
    });
    subscriber.subscribe();
  }

  #received(user: string, event: Watch['event'], body: string): void {
    if (event === 'presence') {
      const parsed = parsePidf(body);
      if (parsed.ok) this.emit({ type: 'colleague', user, presence: parsed.value });
    } else if (event === 'dialog') {
      const parsed = parseDialogInfo(body);
      if (parsed.ok) this.emit({ type: 'colleague-lamp', user, lamp: lampOf(parsed.value.dialogs) });
    } else {
      const board = parseQueueBoard(body);
      if (board) this.emit({ type: 'queue-board', board });
    }
  }

  #sendPublish(expires: number): void {
    const own = this.#own;
    if (!own && expires > 0) return;
    const target = `sip:${this.self}@${this.domain}`;
    const headers = [
      sipHeader('Event', 'presence'),
      sipHeader('Expires', String(expires)),
      ...(this.#etag ? [sipHeader('SIP-If-Match', this.#etag)] : []),
    ];
    const body = expires > 0 && own ? buildPidf({ entity: target, ...own }, this.#instance) : undefined;
    if (body) headers.push(sipHeader('Content-Type', PIDF_CONTENT_TYPE));
    // As JsSIP's own MESSAGE does: the Request-URI parsed, and the To header taken from it.
    const uri = (this.ua as unknown as { normalizeTarget(target: string): unknown }).normalizeTarget(target);
    const request = new (OutgoingRequest as unknown as OutgoingRequestConstructor)('PUBLISH', uri, this.ua, null, headers, body);
    this.#inFlight = true;
    const done = () => {
      this.#inFlight = false;
      if (this.#pending && !this.#closed) {
        this.#pending = false;
        this.#sendPublish(PUBLISH_EXPIRES);
      }
    };
    const sender = new RequestSender(this.ua, request, {
      onReceiveResponse: (response: IncomingResponse) => {
        if (response.status_code < 200) return;
        if (response.status_code < 300) {
          // The server's entity tag goes back in SIP-If-Match: kept only when it is a safe header value.
          const etag = expires > 0 ? response.getHeader('SIP-ETag') || undefined : undefined;
          this.#etag = etag !== undefined && isSafeHeaderValue(etag, 128) ? etag : undefined;
          clearTimeout(this.#refresh);
          const granted = Number(response.getHeader('Expires')) || expires;
          if (expires > 0)
            this.#refresh = setTimeout(
              () => this.#sendPublish(PUBLISH_EXPIRES),
              Math.max(5_000, granted * 1000 - REFRESH_MARGIN_MS),
            );
        } else if (response.status_code === 412) {
          // The server forgot our publication (restart): publish it afresh.
          this.#etag = undefined;
          this.#pending = !this.#closed;
        }
        done();
      },
      onRequestTimeout: done,
      onTransportError: done,
    }) as { send(): void };
    sender.send();
  }
}

/**
 * The Contact of a subscription: this connection's own address (`sip:<token>@<host>;transport=ws`),
 * not the GRUU that JsSIP puts in every Contact once a REGISTER's 200 gave one. A GRUU names the
 * agent for routing through its registrar and carries no transport; the server sends its NOTIFYs
 * to the subscription's Contact, and Kamailio's presence server (fix_nated_contact) took the GRUU
 * for UDP and never reached the WebSocket. JsSIP matches a NOTIFY to its subscription by dialog,
 * and accepts a Request-URI with this token as ours (UA.receiveRequest).
 */
function transportContact(ua: UA): SafeHeader {
  return sipHeader('Contact', `<${String(ua.contact.uri)}>`);
}

function terminate(subscriber: Subscriber): void {
  try {
    subscriber.terminate();
  } catch {
    // already terminated: nothing to end
  }
}
