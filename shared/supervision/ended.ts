/**
 * Why the agent's Warmline ended a supervisor's leg (issue 16), told to the supervisor in the
 * BYE's Reason header (RFC 3326): `Reason: SIP;cause=200;text="warmline-supervision=transferred"`.
 * The supervisor's page says which, so a leg that ends is never a mystery: the call ended, or it
 * was transferred to a colleague (whom this supervision does not follow).
 */
export const SUPERVISION_END_REASONS = ['call-ended', 'transferred'] as const;
export type SupervisionEndReason = (typeof SUPERVISION_END_REASONS)[number];

const PREFIX = 'warmline-supervision=';
/** A Reason value longer than this is not ours, and not read. */
const MAX_REASON_CHARS = 256;

/** The Reason header value the agent's Warmline puts on its BYE. */
export function supervisionEndReasonHeader(reason: SupervisionEndReason): string {
  return `SIP;cause=200;text="${PREFIX}${reason}"`;
}

/** The reason in a BYE's Reason header (untrusted: anything else is no reason at all). */
export function parseSupervisionEndReason(header: string | undefined): SupervisionEndReason | undefined {
  if (!header || header.length > MAX_REASON_CHARS) return undefined;
  const text = /;\s*text="([^"]*)"/i.exec(header)?.[1];
  if (!text?.startsWith(PREFIX)) return undefined;
  const reason = text.slice(PREFIX.length);
  return (SUPERVISION_END_REASONS as readonly string[]).includes(reason) ? (reason as SupervisionEndReason) : undefined;
}
