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

export function buildPidf(presence: AgentPresence): string {
  if (!ENTITY.test(presence.entity)) throw new RangeError('presence entity must be a sip:, sips: or pres: URI');
  const basic = presence.kind === 'offline' ? 'closed' : 'open';
  const from = presence.since === undefined ? '' : ` from="${new Date(presence.since).toISOString()}"`;
  const activity = presence.kind === 'available' || presence.kind === 'offline' ? '' : `<rpid:${ACTIVITY[presence.kind]}/>`;
  const reason = presence.reason ? ` reason="${escapeXml(clean(presence.reason))}"` : '';
  const call = presence.kind === 'on-call' && presence.call ? buildCallElement(presence.call) : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<presence xmlns="${PIDF_NS}" xmlns:dm="${DATA_MODEL_NS}" xmlns:rpid="${RPID_NS}" xmlns:wl="${WARMLINE_NS}" entity="${escapeXml(presence.entity)}">`,
    `<tuple id="warmline"><status><basic>${basic}</basic></status></tuple>`,
    `<dm:person id="agent"><rpid:activities${from}>${activity}</rpid:activities>`,
    `<wl:agent-state${reason}>${presence.kind}</wl:agent-state>${call}</dm:person>`,
    '</presence>',
  ].join('');
}

export type PidfError = XmlError | 'not-pidf' | 'no-entity';

function isKind(text: string): text is PresenceKind {
  return (PRESENCE_KINDS as readonly string[]).includes(text);
}

/**
 * Reads any PIDF document (ours, a desk phone's, Kamailio's aggregate of several publishers).
 * `now` bounds the call's times (agent-call.ts).
 */
export function parsePidf(body: string, now: number = Date.now()): Result<AgentPresence, PidfError> {
  const parsed = parseXml(body);
  if (!parsed.ok) return parsed;
  const root = parsed.value;
  if (root.ns !== PIDF_NS || root.name !== 'presence') return err('not-pidf');
  const entity = root.attributes.get('entity') ?? '';
  if (!ENTITY.test(entity)) return err('no-entity');

  const tuples = childrenNamed(root, PIDF_NS, 'tuple');
  const open = tuples.some((t) => {
    const status = firstChild(t, PIDF_NS, 'status');
    return status !== undefined && firstChild(status, PIDF_NS, 'basic')?.text === 'open';
  });
  const persons = childrenNamed(root, DATA_MODEL_NS, 'person');
  const activities = persons.flatMap((p) => childrenNamed(p, RPID_NS, 'activities'));
  const since = activities.map((a) => Date.parse(a.attributes.get('from') ?? '')).find((t) => Number.isFinite(t));
  const own = persons.map((p) => firstChild(p, WARMLINE_NS, 'agent-state')).find((e): e is XmlElement => !!e);
  const reason = clean(own?.attributes.get('reason') ?? '');
  const base = { entity, reason, ...(since === undefined ? {} : { since }) };

  if (!open) return ok({ ...base, kind: 'offline', reason: '' });
  if (own && isKind(own.text) && own.text !== 'offline') {
    const callElement =
      own.text === 'on-call' ? persons.map((p) => firstChild(p, WARMLINE_NS, 'call')).find((e) => !!e) : undefined;
    const call = callElement && readCallElement(callElement, now);
    return ok({ ...base, kind: own.text, ...(call ? { call } : {}) });
  }
  const names = new Set(activities.flatMap((a) => a.children.filter((c) => c.ns === RPID_NS).map((c) => c.name)));
  if (names.has('on-the-phone')) return ok({ ...base, kind: 'on-call' });
  if (names.has('busy')) return ok({ ...base, kind: 'wrap-up' });
  const away = ['away', 'meal', 'meeting', 'vacation', 'holiday', 'appointment', 'breakfast', 'dinner'].find((n) => names.has(n));
  if (away) return ok({ ...base, kind: 'break', reason: reason || away });
  return ok({ ...base, kind: 'available', reason: '' });
}
