import { parseNameAddr } from '../sip/fields.js';
import { getHeader, removeHeaders } from '../sip/headers.js';
import type { SipMessage, SipRequest } from '../sip/types.js';
import type { Connection } from '../transport.js';

/**
 * RFC 3325 §5: a proxy removes P-Asserted-Identity (and P-Preferred-Identity) from anyone outside its trust
 * domain. Every client of the lab is outside it; the lab adds its own assertion to authenticated requests.
 */
export function stripAssertedIdentity(msg: SipMessage): void {
  for (const h of msg.headers) {
    if (h.name === 'P-Asserted-Identity' || h.name === 'P-Preferred-Identity') {
      removeHeaders(msg, 'P-Asserted-Identity');
      removeHeaders(msg, 'P-Preferred-Identity');
      return;
    }
  }
}

export function tagOf(req: SipRequest, header: 'From' | 'To'): string | null {
  return parseNameAddr(getHeader(req, header)!).params.get('tag') ?? null;
}

/** RFC 3261 §18.2.1: record the source address in the top Via (and rport, RFC 3581) for the response path. */
export function addReceived(req: SipRequest, conn: Connection): void {
  const index = req.headers.findIndex((h) => h.name === 'Via');
  if (index < 0 || conn.remote === '') return;
  const ip = conn.remote.replace(/^::ffff:/, '');
  let value = req.headers[index]!.value;
  if (!/;\s*received=/i.test(value)) value += `;received=${ip}`;
  value = value.replace(/;\s*rport(?=;|$)/i, `;rport=${conn.remotePort}`);
  req.headers[index] = { name: 'Via', value };
}
