import { parseNameAddr } from '../sip/fields.js';
import { getHeaders } from '../sip/headers.js';
import type { SipMessage, SipUri } from '../sip/types.js';
import { contactKey } from '../registrar.js';

const MAX_CONTACTS_PER_CONNECTION = 256;

/**
 * Which connection each Contact URI arrived on. In-dialog requests carry the peer's Contact as Request-URI, and a
 * WebSocket client's Contact host cannot be resolved (RFC 7118 §5), so the lab reaches it through the connection
 * that announced it: in a REGISTER, an INVITE or a 2xx. Entries die with their connection.
 */
export class ContactTable {
  private readonly byKey = new Map<string, number>();
  private readonly byConn = new Map<number, Set<string>>();

  learn(connId: number, msg: SipMessage): void {
    for (const value of getHeaders(msg, 'Contact')) {
      if (value === '*') continue;
      let key: string;
      try {
        key = contactKey(parseNameAddr(value).uri);
      } catch {
        continue;
      }
      const keys = this.byConn.get(connId) ?? new Set<string>();
      if (!keys.has(key) && keys.size >= MAX_CONTACTS_PER_CONNECTION) continue;
      const previous = this.byKey.get(key);
      if (previous !== undefined && previous !== connId) this.byConn.get(previous)?.delete(key);
      keys.add(key);
      this.byConn.set(connId, keys);
      this.byKey.set(key, connId);
    }
  }

  lookup(uri: SipUri): number | undefined {
    return this.byKey.get(contactKey(uri));
  }

  dropConnection(connId: number): void {
    for (const key of this.byConn.get(connId) ?? []) if (this.byKey.get(key) === connId) this.byKey.delete(key);
    this.byConn.delete(connId);
  }
}
