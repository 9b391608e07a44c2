import { parseNameAddr } from './sip/fields.js';
import { createResponse } from './sip/build.js';
import { formatParams, getHeader, getHeaders } from './sip/headers.js';
import { uriUser } from './sip/uri.js';
import type { NameAddr, Params, SipRequest, SipResponse, SipUri } from './sip/types.js';
import type { LabConfig } from './config.js';

export interface Binding {
  readonly user: string;
  readonly contact: NameAddr;
  /** RFC 7118 §5: a WebSocket client's Contact host is unresolvable (often `.invalid`), so it is reached through
   *  the connection that registered it, and the binding dies with that connection. */
  connId: number;
  expiresAt: number;
  readonly registeredAt: number;
}

/** Identity of a contact for binding updates and in-dialog routing: scheme, user, host, port (RFC 3261 §19.1.4). */
export function contactKey(uri: SipUri): string {
  return `${uri.scheme}:${uriUser(uri) ?? ''}@${uri.host}:${uri.port ?? ''}`;
}

/** RFC 3261 §10.3 registrar, one binding list per account. */
export class Registrar {
  private readonly bindings = new Map<string, Binding[]>();
  /**
   * Accounts that registered on each connection: what every REGISTER and every response asks about its own
   * connection, answered without walking all bindings (that walk made a REGISTER O(agents), issue 19). It may
   * name an account whose binding has since moved or expired; readers check the account's live bindings.
   */
  private readonly usersByConnection = new Map<number, Set<string>>();

  constructor(
    private readonly config: LabConfig,
    private readonly now: () => number = Date.now,
    private readonly onChange: (user: string) => void = () => {},
  ) {}

  /**
   * Tells the ACD a user's bindings changed, after the request that changed them is answered:
   * the caller sends the REGISTER's 200 OK right after `register` returns, and an agent must have
   * it before a queued call is offered (a phone that does not yet know it is signed in answers 486).
   */
  private changed(user: string): void {
    queueMicrotask(() => this.onChange(user));
  }

  /** `authUser` is the digest-authenticated account; it may only register its own address of record. */
  register(req: SipRequest, connId: number, authUser: string): SipResponse {
    const to = parseNameAddr(getHeader(req, 'To')!);
    if (to.uri.scheme !== 'sip' && to.uri.scheme !== 'sips') return createResponse(req, 404, { reason: 'Not a SIP AOR' });
    if (uriUser(to.uri) !== authUser) return createResponse(req, 403, { reason: 'Cannot register another user' });
    const { minExpires, maxExpires, defaultExpires, maxBindingsPerAccount } = this.config.registration;
    const headerExpires = getHeader(req, 'Expires');
    const contacts = getHeaders(req, 'Contact');
    let list = this.current(authUser);

    if (contacts.includes('*')) {
      // RFC 3261 §10.3 step 6: "*" only alone and with Expires: 0.
      if (contacts.length !== 1 || headerExpires?.trim() !== '0') return createResponse(req, 400, { reason: 'Bad wildcard' });
      this.bindings.delete(authUser);
      this.changed(authUser);
      return this.ok(req, []);
    }

    const updates: Array<{ contact: NameAddr; expires: number }> = [];
    for (const value of contacts) {
      const contact = parseNameAddr(value);
      const param = contact.params.get('expires');
      const requested =
        param !== undefined && param !== null
          ? Number(param)
          : headerExpires !== undefined
            ? Number(headerExpires)
            : defaultExpires;
      if (!Number.isFinite(requested) || requested < 0) return createResponse(req, 400, { reason: 'Bad expires' });
      if (requested > 0 && requested < minExpires) {
        return createResponse(req, 423, { headers: [{ name: 'Min-Expires', value: String(minExpires) }] });
      }
      updates.push({ contact, expires: Math.min(requested, maxExpires) });
    }

    const now = this.now();
    for (const { contact, expires } of updates) {
      const key = contactKey(contact.uri);
      const existing = list.find((b) => contactKey(b.contact.uri) === key);
      if (expires === 0) {
        list = list.filter((b) => b !== existing);
      } else if (existing) {
        existing.expiresAt = now + expires * 1000;
        existing.connId = connId;
        this.indexConnection(connId, authUser);
      } else {
        if (list.length >= maxBindingsPerAccount) {
          return createResponse(req, 403, { reason: `At most ${maxBindingsPerAccount} registrations per account` });
        }
        list.push({ user: authUser, contact, connId, expiresAt: now + expires * 1000, registeredAt: now });
        this.indexConnection(connId, authUser);
      }
    }
    if (list.length > 0) this.bindings.set(authUser, list);
    else this.bindings.delete(authUser);
    if (updates.length > 0) this.changed(authUser);
    return this.ok(req, list);
  }

  /** Live bindings, most recent registration first. */
  lookup(user: string): Binding[] {
    return [...this.current(user)].sort((a, b) => b.registeredAt - a.registeredAt);
  }

  /** The account whose binding lives on this connection, if any (for the call tracker). */
  userOfConnection(connId: number): string | null {
    return this.onConnection(connId)[0]?.user ?? null;
  }

  /** The account registered on this connection and its Contact keys (a phone that may come back to its calls). */
  phoneOnConnection(connId: number): { readonly user: string; readonly contacts: string[] } | null {
    const bindings = this.onConnection(connId);
    if (bindings.length === 0) return null;
    return { user: bindings[0]!.user, contacts: bindings.map((b) => contactKey(b.contact.uri)) };
  }

  isRegistered(user: string): boolean {
    return this.current(user).length > 0;
  }

  dropConnection(connId: number): void {
    const users = this.usersByConnection.get(connId);
    this.usersByConnection.delete(connId);
    for (const user of users ?? []) {
      const list = this.bindings.get(user);
      if (!list) continue;
      const kept = list.filter((b) => b.connId !== connId);
      if (kept.length === list.length) continue;
      if (kept.length > 0) this.bindings.set(user, kept);
      else this.bindings.delete(user);
      this.changed(user);
    }
  }

  /** Drop expired bindings; called periodically so expiry also shows in the status endpoint and the ACD. */
  sweep(): void {
    for (const user of [...this.bindings.keys()]) {
      const before = this.bindings.get(user)!.length;
      if (this.current(user).length !== before) this.changed(user);
    }
  }

  all(): Binding[] {
    return [...this.bindings.keys()].flatMap((u) => this.current(u));
  }

  /** Live bindings on this connection, accounts in the order they first registered on it. */
  private onConnection(connId: number): Binding[] {
    const users = this.usersByConnection.get(connId);
    if (!users) return [];
    const found: Binding[] = [];
    for (const user of users) for (const b of this.current(user)) if (b.connId === connId) found.push(b);
    if (found.length === 0) this.usersByConnection.delete(connId);
    return found;
  }

  private indexConnection(connId: number, user: string): void {
    const users = this.usersByConnection.get(connId);
    if (users) users.add(user);
    else this.usersByConnection.set(connId, new Set([user]));
  }

  private current(user: string): Binding[] {
    const list = this.bindings.get(user);
    if (!list) return [];
    const now = this.now();
    const live = list.filter((b) => b.expiresAt > now);
    if (live.length !== list.length) {
      if (live.length > 0) this.bindings.set(user, live);
      else this.bindings.delete(user);
    }
    return live;
  }

  private ok(req: SipRequest, list: readonly Binding[]): SipResponse {
    const now = this.now();
    const headers = list.map((b) => ({
      name: 'Contact',
      // Echo the contact's own parameters (+sip.instance, reg-id of RFC 5626) with the granted expiry.
      value: `<${b.contact.uri.raw}>${formatParams(withoutExpires(b.contact.params))};expires=${Math.max(0, Math.round((b.expiresAt - now) / 1000))}`,
    }));
    return createResponse(req, 200, { headers });
  }
}

function withoutExpires(params: Params): Params {
  const copy = new Map(params);
  copy.delete('expires');
  return copy;
}
