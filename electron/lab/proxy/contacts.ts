import { parseNameAddr } from '../sip/fields.js';
import { getHeaders } from '../sip/headers.js';
import type { SipMessage, SipUri } from '../sip/types.js';
import { contactKey } from '../registrar.js';

const MAX_CONTACTS_PER_CONNECTION = 256;

/**
 * Which connection each Contact URI arrived on. In-dialog requests carry the peer's Contact as Request-URI, and a
 * WebSocket client's Contact host cannot be resolved (RFC 7118 §5), so the lab reaches it through the connection
 * that announced it. Only messages the lab has reason to believe are learned (issue 17, finding 1): a REGISTER
 * that was answered 200, an authenticated request, an in-dialog request of a dialog seen here, and a response on
 * the connection the request was sent to. A Contact another connection already owns is taken over only by the
 * same account (a phone that reconnected), never by a stranger. Entries die with their connection.
 */
export class ContactTable {
  private readonly byKey = new Map<string, { connId: number; user: string | null }>();
  private readonly byConn = new Map<number, Set<string>>();

  learn(connId: number, msg: SipMessage, user: string | null): void {
    for (const value of getHeaders(msg, 'Contact')) {
      if (value === '*') continue;
      let key: string;
      try {
        key = contactKey(parseNameAddr(value).uri);
      } catch {
        continue;
      }
      const previous = this.byKey.get(key);
      if (previous?.connId === connId) {
        if (previous.user === null) previous.user = user;
        continue;
      }
      if (previous !== undefined && (user === null || previous.user !== user)) continue;
      const keys = this.byConn.get(connId) ?? new Set<string>();
      if (keys.size >= MAX_CONTACTS_PER_CONNECTION) continue;
      if (previous !== undefined) this.byConn.get(previous.connId)?.delete(key);
      keys.add(key);
      this.byConn.set(connId, keys);
      this.byKey.set(key, { connId, user });
    }
  }

  lookup(uri: SipUri): number | undefined {
    return this.byKey.get(contactKey(uri))?.connId;
  }

  dropConnection(connId: number): void {
    for (const key of this.byConn.get(connId) ?? []) if (this.byKey.get(key)?.connId === connId) this.byKey.delete(key);
    this.byConn.delete(connId);
  }
}
