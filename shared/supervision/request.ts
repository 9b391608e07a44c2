import { z } from 'zod/mini';
import { ExpiringMap } from '../expiring-map';
import { err, ok, type Result } from '../result';
import { base64urlDecode, base64urlEncode, utf8Decode, utf8Encode } from '../escalation/bytes';
import { hmacSha256, hmacSha256Verify, newEscalationId } from '../escalation/web-crypto';

/**
 * A supervisor's request to listen to, coach or barge into an agent's live call (issue 16),
 * carried in the supervisor's INVITE to the agent's Warmline (and in an in-dialog INFO to switch
 * modes). The agent's Warmline accepts it only if it is signed with the team key, still valid
 * (a minute), for this agent and for a call this agent is on now, and not seen before:
 *
 *   X-Warmline-Supervise: <base64url(JSON)>.<base64url(HMAC-SHA256(team key, "X-Warmline-Supervise:" + payload))>
 *
 * The header name in the signed input keeps such a MAC from being valid as an escalation
 * context's (which signs "X-Warmline-Context:" + payload) or anything else the team key signs.
 */
export const SUPERVISE_HEADER = 'X-Warmline-Supervise';
export const SUPERVISION_MODES = ['listen', 'coach', 'barge'] as const;
export type SupervisionMode = (typeof SUPERVISION_MODES)[number];
/** How long a request may be used after it is made; clocks of a team's machines agree to seconds. */
export const SUPERVISION_VALIDITY_MS = 60_000;
/** A request stamped this far in the future is refused too (a machine whose clock runs ahead). */
const CLOCK_SKEW_MS = 5_000;
const MAX_HEADER_CHARS = 1_024;

const requestSchema = z.strictObject({
  v: z.literal(1),
  id: z.string().check(z.regex(/^[0-9a-f]{32}$/)),
  mode: z.enum(SUPERVISION_MODES),
  supervisor: z
    .string()
    .check(z.minLength(1))
    .check(z.maxLength(128))
    .check(z.regex(/^[^\p{Cc}\p{Cf}<>"]+$/u)),
  agent: z
    .string()
    .check(z.minLength(1))
    .check(z.maxLength(128))
    .check(z.regex(/^[^\p{Cc}\p{Cf}<>"]+$/u)),
  call: z
    .string()
    .check(z.minLength(1))
    .check(z.maxLength(256))
    .check(z.regex(/^[\x21-\x7e]+$/)),
  issuedAt: z.int().check(z.minimum(0)),
});
export type SupervisionRequest = Readonly<z.infer<typeof requestSchema>>;

export type SupervisionRefusal =
  | 'no-team-key'
  | 'malformed'
  | 'unsigned'
  | 'bad-signature'
  | 'expired'
  | 'from-the-future'
  | 'other-agent'
  | 'other-call'
  | 'replayed';

const signingInput = (payload: string) => utf8Encode(`${SUPERVISE_HEADER}:${payload}`);

export async function signSupervisionRequest(
  request: Omit<SupervisionRequest, 'v' | 'id'> & { readonly id?: string },
  teamKey: string,
): Promise<string> {
  if (!teamKey) throw new Error('a supervision request needs the team key');
  const full = requestSchema.parse({ v: 1, id: request.id ?? newEscalationId(), ...request });
  const payload = base64urlEncode(utf8Encode(JSON.stringify(full)));
  return `${payload}.${base64urlEncode(await hmacSha256(teamKey, signingInput(payload)))}`;
}

/** Ids of accepted requests, kept until they would have expired anyway, so none is used twice. */
export class ReplayGuard {
  readonly #seen: ExpiringMap<true>;
  constructor(capacity = 1_000) {
    this.#seen = new ExpiringMap(capacity);
  }

  /** True the first time an id is offered (and remembers it), false ever after while it is valid. */
  firstUse(id: string, expiresAt: number, now: number): boolean {
    if (this.#seen.get(id, now)) return false;
    this.#seen.set(id, true, expiresAt);
    return true;
  }
}

export interface VerifyContext {
  readonly teamKey: string;
  readonly now: number;
  /** This Warmline's agent, as requests name it (the SIP user). */
  readonly agent: string;
  /** The calls the agent is on right now (SIP Call-IDs of the customer legs). */
  readonly activeCalls: readonly string[];
  readonly replay: ReplayGuard;
}

/** Never throws: every way a request can be wrong is a refusal the agent's log can name. */
export async function verifySupervisionRequest(
  header: string,
  context: VerifyContext,
): Promise<Result<SupervisionRequest, SupervisionRefusal>> {
  if (!context.teamKey) return err('no-team-key');
  if (header.length > MAX_HEADER_CHARS) return err('malformed');
  const [payload = '', signature = '', ...rest] = header.trim().split('.');
  if (rest.length > 0 || payload === '') return err('malformed');
  if (signature === '') return err('unsigned');
  const mac = base64urlDecode(signature);
  if (!mac) return err('bad-signature');
  let valid = false;
  try {
    valid = await hmacSha256Verify(context.teamKey, mac, signingInput(payload));
  } catch {
    return err('bad-signature');
  }
  if (!valid) return err('bad-signature');
  const bytes = base64urlDecode(payload);
  const text = bytes ? utf8Decode(bytes) : undefined;
  let json: unknown;
  try {
    json = text === undefined ? undefined : JSON.parse(text);
  } catch {
    return err('malformed');
  }
  const parsed = requestSchema.safeParse(json);
  if (!parsed.success) return err('malformed');
  const request = parsed.data;
  const expiresAt = request.issuedAt + SUPERVISION_VALIDITY_MS;
  if (context.now > expiresAt) return err('expired');
  if (request.issuedAt > context.now + CLOCK_SKEW_MS) return err('from-the-future');
  if (request.agent !== context.agent) return err('other-agent');
  if (!context.activeCalls.includes(request.call)) return err('other-call');
  if (!context.replay.firstUse(request.id, expiresAt, context.now)) return err('replayed');
  return ok(request);
}
