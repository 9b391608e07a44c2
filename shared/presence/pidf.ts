import { err, ok, type Result } from '../result';
import { buildCallElement, readCallElement, type PresenceCall } from './agent-call';
import { childrenNamed, escapeXml, firstChild, parseXml, type XmlElement, type XmlError } from './xml';

/**
 * An agent's state as presence (PIDF, RFC 3863, with RPID activities, RFC 4480), so any presence
 * server (Kamailio's presence + presence_xml, the lab) and any standard client can carry it:
 *
 * - basic `open` while signed in, `closed` when offline;
 * - RPID activities: `on-the-phone` (on a call), `busy` (after-call work), `away` (a break), none
 *   when available — what a desk phone's busy lamp shows without knowing Warmline;
 * - `from` on the activities: when the state began (RFC 4480 §3.2), for "on a call 3:12";
 * - a Warmline element in its own namespace with the exact state and a break's reason, which
 *   other clients ignore (RFC 3863 §4.3: unknown elements are skipped), and on a call the
 *   call's facts a supervisor's board sorts by (agent-call.ts).
 */
export const PIDF_NS = 'urn:ietf:params:xml:ns:pidf';
export const DATA_MODEL_NS = 'urn:ietf:params:xml:ns:pidf:data-model';
export const RPID_NS = 'urn:ietf:params:xml:ns:pidf:rpid';
export const WARMLINE_NS = 'urn:x-warmline:params:xml:ns:agent';
export const PIDF_CONTENT_TYPE = 'application/pidf+xml';

export const PRESENCE_KINDS = ['available', 'on-call', 'wrap-up', 'break', 'offline'] as const;
export type PresenceKind = (typeof PRESENCE_KINDS)[number];

export interface AgentPresence {
  /** The presentity, `sip:user@domain`. */
  readonly entity: string;
  readonly kind: PresenceKind;
  /** When this state began (epoch ms); undefined when the document did not say. */
  readonly since?: number;
  /** A break's reason as the agent chose it (`lunch`, `training`, …), or empty. */
  readonly reason: string;
  /** On a call: the call's facts (answered, queue, hold, escalation), when the publisher says. */
  readonly call?: PresenceCall;
}

const MAX_TEXT = 64;
const ENTITY = /^(sip|sips|pres):[^\s<>"]{1,200}$/;

/** Remote text shown to the agent: control and bidi characters out, capped. */
const clean = (text: string): string =>
  Array.from(text.replace(/[\p{Cc}\p{Cf}]/gu, '').trim())
    .slice(0, MAX_TEXT)
    .join('');

const ACTIVITY: Readonly<Record<Exclude<PresenceKind, 'available' | 'offline'>, string>> = {
  'on-call': 'on-the-phone',
  'wrap-up': 'busy',
  break: 'away',
};

const INSTANCE = /^[A-Za-z0-9]{1,32}$/;

/**
 * `instance` names the publishing app (a token per start); `publishedAt` is the tuple's
 * `<timestamp>` (RFC 3863 §4.1.7). A presence server keeps every live publication of the entity
 * and merges them into one NOTIFY, and Kamailio's presence_xml keeps every tuple but only one
 * person: so the exact state lives in the tuple, one per app start, and parsePidf reads the newest
 * tuple. With the state only in a person, a stale publication (an app that crashed, or closed
 * without unpublishing, in wrap-up) hid the new one's "available" until it expired (CI's
 * deploy-topology failure). The person keeps the RPID activities for clients that read only those.
 */
export function buildPidf(presence: AgentPresence, instance = 'warmline', publishedAt: number = Date.now()): string {
  if (!ENTITY.test(presence.entity)) throw new RangeError('presence entity must be a sip:, sips: or pres: URI');
  if (!INSTANCE.test(instance)) throw new RangeError('presence instance must be 1-32 letters or digits');
  const basic = presence.kind === 'offline' ? 'closed' : 'open';
  const from = presence.since === undefined ? '' : ` from="${new Date(presence.since).toISOString()}"`;
  const activity = presence.kind === 'available' || presence.kind === 'offline' ? '' : `<rpid:${ACTIVITY[presence.kind]}/>`;
  const reason = presence.reason ? ` reason="${escapeXml(clean(presence.reason))}"` : '';
  const call = presence.kind === 'on-call' && presence.call ? buildCallElement(presence.call) : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<presence xmlns="${PIDF_NS}" xmlns:dm="${DATA_MODEL_NS}" xmlns:rpid="${RPID_NS}" xmlns:wl="${WARMLINE_NS}" entity="${escapeXml(presence.entity)}">`,
    `<tuple id="wl-${instance}"><status><basic>${basic}</basic></status>`,
    `<wl:agent-state${from}${reason}>${presence.kind}</wl:agent-state>${call}`,
    `<timestamp>${new Date(publishedAt).toISOString()}</timestamp></tuple>`,
    `<dm:person id="agent-${instance}"><rpid:activities${from}>${activity}</rpid:activities></dm:person>`,
    '</presence>',
  ].join('');
}

export type PidfError = XmlError | 'not-pidf' | 'no-entity';

function isKind(text: string): text is PresenceKind {
  return (PRESENCE_KINDS as readonly string[]).includes(text);
}

const fromOf = (el: XmlElement): number => Date.parse(el.attributes.get('from') ?? '');

/** The element among `candidates` whose time (`timeOf`) is latest; one without a time loses to one with. */
function newest(candidates: readonly XmlElement[], timeOf: (el: XmlElement) => number): XmlElement | undefined {
  let best: XmlElement | undefined;
  let bestTime = Number.NEGATIVE_INFINITY;
  for (const el of candidates) {
    const time = timeOf(el);
    if (best === undefined || (Number.isFinite(time) && time > bestTime)) {
      best = el;
      bestTime = Number.isFinite(time) ? time : bestTime;
    }
  }
  return best;
}

const isOpen = (tuple: XmlElement): boolean => {
  const status = firstChild(tuple, PIDF_NS, 'status');
  return status !== undefined && firstChild(status, PIDF_NS, 'basic')?.text === 'open';
};

/**
 * Reads any PIDF document (ours, a desk phone's, Kamailio's aggregate of several publishers).
 * A Warmline tuple (one with `<wl:agent-state>`) says the exact state; of several, the newest by
 * `<timestamp>` wins (a stale publication beside the current one). Other documents are read by
 * their basic status and the RPID activities of their newest person. `now` bounds the call's times
 * (agent-call.ts).
 */
export function parsePidf(body: string, now: number = Date.now()): Result<AgentPresence, PidfError> {
  const parsed = parseXml(body);
  if (!parsed.ok) return parsed;
  const root = parsed.value;
  if (root.ns !== PIDF_NS || root.name !== 'presence') return err('not-pidf');
  const entity = root.attributes.get('entity') ?? '';
  if (!ENTITY.test(entity)) return err('no-entity');

  const tuples = childrenNamed(root, PIDF_NS, 'tuple');
  const ours = newest(
    tuples.filter((t) => firstChild(t, WARMLINE_NS, 'agent-state') !== undefined),
    (t) => Date.parse(firstChild(t, PIDF_NS, 'timestamp')?.text ?? ''),
  );
  if (ours) return ok(readWarmline(entity, ours, firstChild(ours, WARMLINE_NS, 'agent-state') as XmlElement, isOpen(ours), now));

  const open = tuples.some(isOpen);
  const person = newest(childrenNamed(root, DATA_MODEL_NS, 'person'), (p) =>
    Math.max(...childrenNamed(p, RPID_NS, 'activities').map(fromOf)),
  );
  // A Warmline before the state moved into its tuple put it in the person.
  const own = person && firstChild(person, WARMLINE_NS, 'agent-state');
  if (person && own) return ok(readWarmline(entity, person, own, open, now));
  const activities = person ? childrenNamed(person, RPID_NS, 'activities') : [];
  const since = activities.map(fromOf).find((t) => Number.isFinite(t));
  const base = { entity, reason: '', ...(since === undefined ? {} : { since }) };
  if (!open) return ok({ ...base, kind: 'offline' });
  const names = new Set(activities.flatMap((a) => a.children.filter((c) => c.ns === RPID_NS).map((c) => c.name)));
  if (names.has('on-the-phone')) return ok({ ...base, kind: 'on-call' });
  if (names.has('busy')) return ok({ ...base, kind: 'wrap-up' });
  const away = ['away', 'meal', 'meeting', 'vacation', 'holiday', 'appointment', 'breakfast', 'dinner'].find((n) => names.has(n));
  if (away) return ok({ ...base, kind: 'break', reason: away });
  return ok({ ...base, kind: 'available' });
}

/** The state a Warmline wrote in `holder` (its tuple, or an older version's person). */
function readWarmline(entity: string, holder: XmlElement, own: XmlElement, open: boolean, now: number): AgentPresence {
  const activities = childrenNamed(holder, RPID_NS, 'activities');
  const since = [own, ...activities].map(fromOf).find((t) => Number.isFinite(t));
  const base = { entity, reason: clean(own.attributes.get('reason') ?? ''), ...(since === undefined ? {} : { since }) };
  if (!open || !isKind(own.text) || own.text === 'offline') {
    return open ? { ...base, kind: 'available', reason: '' } : { ...base, kind: 'offline', reason: '' };
  }
  const callElement = own.text === 'on-call' ? firstChild(holder, WARMLINE_NS, 'call') : undefined;
  const call = callElement && readCallElement(callElement, now);
  return { ...base, kind: own.text, ...(call ? { call } : {}) };
}
