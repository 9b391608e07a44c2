import { NameAddrHeader } from 'jssip';
import type { IncomingRequest } from 'jssip/lib/SIPMessage';
import type { NameAddrHeader as NameAddr } from 'jssip/lib/NameAddrHeader';
import type { ReceivedOn } from '../../../shared/escalation';
import type { QueueInfo, RemoteParty } from './events';
import { REFERRED_BY_HEADER, referredByContext } from './blind-context';
import { CONTEXT_HEADER, MAX_CONTEXT_HEADER_VALUE, USER_TO_USER_HEADER, cleanText, parseQueue, rawHeader } from './headers';

/**
 * Who is calling. P-Asserted-Identity (RFC 3325) when the server asserts one: the phone trusts its configured
 * server (every request reaches it over the one connection to that server, the trust domain of RFC 3325 §2.3),
 * and that server must remove any PAI a caller wrote itself, as the lab does. Without one, the From is what the
 * caller claims: if it names another domain than ours, nobody vouched for it, and the party says so.
 */
export function remotePartyOf(request: IncomingRequest, ownDomain: string): RemoteParty {
  const asserted = request.hasHeader('P-Asserted-Identity') ? request.getHeader('P-Asserted-Identity') : undefined;
  if (asserted) {
    const parsed = NameAddrHeader.parse(asserted) as unknown;
    if (parsed instanceof NameAddrHeader) return partyOf(parsed);
  }
  const party = partyOf(request.from);
  const host = typeof request.from.uri.host === 'string' ? request.from.uri.host.toLowerCase() : '';
  const domain = ownDomain.split(/[;:?>]/)[0]!.toLowerCase();
  return host === domain ? party : { ...party, unverified: true };
}

export function partyOf(identity: NameAddr): RemoteParty {
  const name = cleanText(identity.display_name, 64);
  const number = cleanText(identity.uri.user, 64) ?? cleanText(identity.uri.host, 64) ?? 'unknown';
  const uri = cleanText(identity.uri.toString(), 256) ?? '';
  return name === undefined ? { number, uri } : { name, number, uri };
}

export function queueOf(request: IncomingRequest): QueueInfo | undefined {
  return parseQueue((name) => (request.hasHeader(name) ? request.getHeader(name) : undefined));
}

/**
 * The escalation context as it arrived: a value past the cap is passed on as an over-long marker
 * so the feature can say "unreadable (too large)" rather than show nothing.
 */
export function contextOf(
  request: IncomingRequest,
  caller: string,
): { contextHeader?: string; contextReceived?: ReceivedOn; userToUser?: string } {
  const get = (name: string) => (request.hasHeader(name) ? request.getHeader(name) : undefined);
  const raw = get(CONTEXT_HEADER)?.trim();
  // A blind transfer's INVITE comes from the customer's phone, the context in its Referred-By (blind-context.ts).
  const referred = raw === undefined ? referredByContext(get(REFERRED_BY_HEADER)) : undefined;
  const context =
    raw !== undefined
      ? (rawHeader(get, CONTEXT_HEADER, MAX_CONTEXT_HEADER_VALUE) ?? OVERSIZED_CONTEXT)
      : referred === 'oversized'
        ? OVERSIZED_CONTEXT
        : referred?.value;
  const uui = rawHeader(get, USER_TO_USER_HEADER, 512);
  // What a sealed context is checked against (shared/escalation/sealed.ts): this INVITE's
  // Call-ID, who sent it, and when it came, so a later reading judges the same moment.
  const received: ReceivedOn = { sipCallId: get('Call-ID') ?? '', caller, at: Date.now() };
  return {
    ...(context ? { contextHeader: context, contextReceived: received } : {}),
    ...(uui ? { userToUser: uui } : {}),
  };
}

/** Stands in for a context header that was too large or carried control characters. */
export const OVERSIZED_CONTEXT = '!oversized';
