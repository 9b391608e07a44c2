import { ESCALATION_CONTEXT_VERSION, escalationContextSchema, type EscalationContext } from './schema';
import { ESCALATION_VALIDATION } from './text';
import { fromWire } from './wire';

export type UnreadableReason =
  | 'oversized'
  | 'malformed-encoding'
  | 'invalid-json'
  | 'schema'
  | 'future-version'
  | 'truncated'
  | 'markup'
  /** Sealed, and this agent has no team key to open it with. */
  | 'no-team-key'
  /** Sealed, and it does not open with this team key: another team's, forged, or altered on the way. */
  | 'cannot-open';

/** A context's compact JSON (either wire format) to a valid context, or why not. */
export function readContextJson(text: string): EscalationContext | UnreadableReason {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'invalid-json';
  }
  return readContextValue(json);
}

export function readContextValue(json: unknown): EscalationContext | UnreadableReason {
  const version = (json as { v?: unknown } | null)?.v;
  if (typeof version === 'number' && version > ESCALATION_CONTEXT_VERSION) return 'future-version';
  const parsed = escalationContextSchema.safeParse(fromWire(json));
  if (!parsed.success) {
    return parsed.error.issues.some((i) => i.message === ESCALATION_VALIDATION.markup) ? 'markup' : 'schema';
  }
  return parsed.data;
}
