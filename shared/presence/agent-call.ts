import { ESCALATION_REASONS, SEVERITIES, type EscalationReason, type Severity } from '../escalation/schema';
import { escapeXml, type XmlElement } from './xml';

/**
 * What a supervisor's board needs of an agent's current call (issue 16), carried in the agent's
 * presence as one Warmline element, `<wl:call>` inside the PIDF person (other clients skip it,
 * RFC 3863 §4.3): when it was answered, the queue it came through, since when the customer is on
 * hold, and the escalation in progress (reason and severity as tokens of the taxonomy, where the
 * consult goes, how far it is).
 *
 * Presence is readable by the whole team, so it carries no customer data: no name, number or
 * summary. Everything is read back strictly: a token must be one of the known ones, a name a short
 * SIP user, a time a real date; what fails is dropped (a bad escalation), or the whole element (a
 * bad answer time), never shown as sent.
 */
export const CONSULT_STATES = ['ringing', 'talking', 'three-way'] as const;
export type ConsultState = (typeof CONSULT_STATES)[number];

export interface PresenceEscalation {
  readonly reason: EscalationReason;
  readonly severity: Severity;
  /** Where the consult goes: the queue or colleague dialled (a SIP user), or a number. */
  readonly to: string;
  readonly state: ConsultState;
  /** When the consult was dialled (epoch ms). */
  readonly since: number;
}

export interface PresenceCall {
  /** When the call was answered (epoch ms). */
  readonly since: number;
  /** The queue it came through, when the server said so. */
  readonly queue?: string;
  /** The customer has been on hold since then (epoch ms); absent while talking. */
  readonly holdSince?: number;
  readonly escalation?: PresenceEscalation;
}

const TOKEN = /^[\w.+-]{1,64}$/;
/** No call is older than a day, nor dated past a day ahead (a clock gone wrong, or a forged document). */
const DAY_MS = 86_400_000;

const iso = (ms: number): string => new Date(ms).toISOString();

/** The `<wl:call>` element (prefix `wl` bound by the PIDF document). Values are validated and escaped. */
export function buildCallElement(call: PresenceCall): string {
  const attrs = [`since="${iso(call.since)}"`];
  if (call.queue !== undefined && TOKEN.test(call.queue)) attrs.push(`queue="${escapeXml(call.queue)}"`);
  if (call.holdSince !== undefined) attrs.push(`hold-since="${iso(call.holdSince)}"`);
  const e = call.escalation;
  const escalation =
    e && TOKEN.test(e.to)
      ? `<wl:escalation reason="${e.reason}" severity="${e.severity}" to="${escapeXml(e.to)}" state="${e.state}" since="${iso(e.since)}"/>`
      : '';
  return `<wl:call ${attrs.join(' ')}>${escalation}</wl:call>`;
}

/** Reads a `<wl:call>` element (found by pidf.ts in its namespace); `now` bounds the times it accepts. */
export function readCallElement(el: XmlElement, now: number): PresenceCall | undefined {
  const time = (raw: string | undefined): number | undefined => {
    if (raw === undefined || raw.length > 40) return undefined;
    const t = Date.parse(raw);
    return Number.isFinite(t) && Math.abs(t - now) <= DAY_MS ? t : undefined;
  };
  const since = time(el.attributes.get('since'));
  if (since === undefined) return undefined;
  const queue = el.attributes.get('queue');
  const holdSince = time(el.attributes.get('hold-since'));
  const escalation = readEscalation(
    el.children.find((c) => c.ns === el.ns && c.name === 'escalation'),
    time,
  );
  return {
    since,
    ...(queue !== undefined && TOKEN.test(queue) ? { queue } : {}),
    ...(holdSince !== undefined ? { holdSince } : {}),
    ...(escalation ? { escalation } : {}),
  };
}

function readEscalation(
  el: XmlElement | undefined,
  time: (raw: string | undefined) => number | undefined,
): PresenceEscalation | undefined {
  if (!el) return undefined;
  const reason = ESCALATION_REASONS.find((r) => r === el.attributes.get('reason'));
  const severity = SEVERITIES.find((s) => String(s) === el.attributes.get('severity'));
  const state = CONSULT_STATES.find((s) => s === el.attributes.get('state'));
  const to = el.attributes.get('to') ?? '';
  const since = time(el.attributes.get('since'));
  if (!reason || !severity || !state || !TOKEN.test(to) || since === undefined) return undefined;
  return { reason, severity, to, state, since };
}
