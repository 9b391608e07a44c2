import { err, missingCaseError, ok, type Result } from '../result';
import { utf8Length } from './bytes';
import type { UnreadableReason } from './context-json';
import { encodeOlderFormat, readOlderFormat } from './older-format';
import type { ReplayGuard } from './replay-guard';
import {
  ESCALATION_LIMITS,
  escalationContextSchema,
  FREE_TEXT_FIELDS,
  type EscalationContext,
  type EscalationContextInput,
  type FreeTextField,
} from './schema';
import {
  bindingProblem,
  CONTEXT_VALIDITY_MS,
  isSealed,
  openSealed,
  seal,
  sealedContextBudget,
  type ContextBinding,
  type NotValidReason,
  type ReceivedOn,
} from './sealed';
import { userToUserHeader } from './uui';
import { toWire } from './wire';

/**
 * `X-Warmline-Context` carries the escalation context in one of two wire formats:
 * - sealed (`w2.…`, sealed.ts): encrypted and authenticated with the team key, bound to the call
 *   it was made for and to a validity window. What Warmline sends whenever the team has a key.
 * - older (`<payload>.<signature>`, older-format.ts): signed only, readable by anyone on the path,
 *   valid on any call. Still read for one release; sent only by a team without a key, unsigned.
 *
 * Neither is a JWS/JWE: those carry an `alg` header that every reader must pin (alg confusion,
 * `alg: none`) and cost bytes of a 4 KB budget. Here there is one algorithm per format version,
 * and the version is the value's first characters, authenticated with the rest.
 */
export const CONTEXT_HEADER = 'X-Warmline-Context';
/** Many SIP stacks and proxies cap a header line near 4 KB; the whole value stays within it. */
export const MAX_CONTEXT_HEADER_BYTES = 4096;
/** The context JSON's room, the same sealed or not (and for the older format's payload), so sealing never costs the agent text. */
export const MAX_CONTEXT_JSON_BYTES = sealedContextBudget(MAX_CONTEXT_HEADER_BYTES);
/** The older format's payload limit, as it was: its signature took 44 of the 4096 characters. */
const MAX_OLDER_PAYLOAD_CHARS = MAX_CONTEXT_HEADER_BYTES - 44;

/** Appended where the codec cut a free-text field to fit: the editor's mark for omitted text, the same in every language. */
export const TRUNCATION_MARKER = '[…]';

export type EscalationEncodeError =
  | { readonly code: 'invalid-context'; readonly issues: readonly { readonly path: string; readonly message: string }[] }
  | { readonly code: 'crypto-unavailable'; readonly message: string }
  /** A blind transfer passes the context through the customer's phone: without a key to seal it, it is not sent. */
  | { readonly code: 'no-team-key' };

export interface EncodedEscalationContext {
  /** The `X-Warmline-Context` value. */
  readonly header: string;
  /** The `User-to-User` value: the escalation id alone, for servers that strip X- headers. */
  readonly userToUser: string;
  /** What was sent: normalised, and cut where `shortened` says. */
  readonly context: EscalationContext;
  readonly shortened: readonly FreeTextField[];
  /** Sealed with the team key (encrypted, authenticated, bound); `false` only for a team without a key. */
  readonly signed: boolean;
  /** When a sealed context stops being valid (ms). */
  readonly expiresAt?: number;
}

export interface SealOptions {
  readonly binding: ContextBinding;
  /** The sender's clock (tests inject one). */
  readonly now?: number;
  readonly validForMs?: number;
}

export type UnverifiedReason = 'unsigned' | 'bad-signature' | 'no-team-key';
export type { ContextBinding, NotValidReason, ReceivedOn, UnreadableReason };

export type DecodedContext =
  /** Sealed with our team key, within its window, on the call it was made for. */
  | { readonly status: 'verified'; readonly context: EscalationContext }
  /** Sealed with our team key, but expired, early, for another call, or seen before on another call. */
  | { readonly status: 'not-valid'; readonly context: EscalationContext; readonly why: NotValidReason | 'replayed' }
  /** The older, signed-only format with a good signature: from the team, but readable and replayable. */
  | { readonly status: 'older-format'; readonly context: EscalationContext }
  | { readonly status: 'unverified'; readonly context: EscalationContext; readonly why: UnverifiedReason }
  | { readonly status: 'unreadable'; readonly why: UnreadableReason };

const payloadOf = (context: EscalationContext): string => JSON.stringify(toWire(context));
const fits = (json: string): boolean => utf8Length(json) <= MAX_CONTEXT_JSON_BYTES;

function graphemes(text: string): string[] {
  return typeof Intl.Segmenter === 'function'
    ? Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (s) => s.segment)
    : Array.from(text);
}

function cut(parts: readonly string[], keep: number): string {
  const head = parts.slice(0, keep).join('').trimEnd();
  return head === '' ? TRUNCATION_MARKER : `${head} ${TRUNCATION_MARKER}`;
}

/**
 * Makes a context fit the header by cutting free text, never by refusing: the customer is on
 * hold while the agent escalates, and a consultee who reads a shortened note is better off than
 * an agent retyping one. Fields are cut in FREE_TEXT_FIELDS order, each to the longest whole
 * grapheme prefix that fits (a binary search: the size only grows with the prefix), and marked.
 * The limits in ESCALATION_LIMITS guarantee that cutting all three always fits (the heaviest
 * possible context is a test). An empty field is never "cut" to a bare marker.
 */
export function fitToHeader(context: EscalationContext): {
  readonly context: EscalationContext;
  readonly shortened: FreeTextField[];
} {
  let current = context;
  const shortened: FreeTextField[] = [];
  for (const field of FREE_TEXT_FIELDS) {
    if (fits(payloadOf(current))) break;
    if (current[field] === '') continue;
    const parts = graphemes(current[field]);
    const withCut = (keep: number) => ({ ...current, [field]: cut(parts, keep) });
    const fitsWith = (keep: number) => {
      const candidate = withCut(keep);
      return candidate[field].length <= ESCALATION_LIMITS[field] && fits(payloadOf(candidate));
    };
    let [lo, hi] = [0, Math.max(0, parts.length - 1)];
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fitsWith(mid)) lo = mid;
      else hi = mid - 1;
    }
    current = withCut(lo);
    shortened.push(field);
  }
  return { context: current, shortened };
}

/**
 * Validates, fits, and seals a context for the call in `seal.binding`. The signature is stable
 * for callers: the team key as before, and now what the context is for.
 */
export async function encodeEscalationContext(
  input: EscalationContextInput,
  teamKey: string | undefined,
  options: SealOptions,
): Promise<Result<EncodedEscalationContext, EscalationEncodeError>> {
  const parsed = escalationContextSchema.safeParse(input);
  const bindingIssue = bindingProblem(options.binding);
  if (!parsed.success || bindingIssue) {
    return err({
      code: 'invalid-context',
      issues: [
        ...(parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))),
        ...(bindingIssue ? [{ path: 'binding', message: bindingIssue }] : []),
      ],
    });
  }
  const { context, shortened } = fitToHeader(parsed.data);
  const json = payloadOf(context);
  const common = { userToUser: userToUserHeader(context.id), context, shortened };
  if (!teamKey) {
    if (options.binding.kind === 'blind') return err({ code: 'no-team-key' });
    return ok({ ...common, header: await encodeOlderFormat(CONTEXT_HEADER, json), signed: false });
  }
  try {
    const sealed = await seal(
      CONTEXT_HEADER,
      json,
      teamKey,
      options.binding,
      options.now ?? Date.now(),
      options.validForMs ?? CONTEXT_VALIDITY_MS,
    );
    return ok({ ...common, header: sealed.value, signed: true, expiresAt: sealed.expiresAt });
  } catch (e) {
    return err({ code: 'crypto-unavailable', message: e instanceof Error ? e.message : String(e) });
  }
}

export interface DecodeOptions {
  /** The INVITE the header came on; without it a sealed context cannot be for "this call". */
  readonly received?: ReceivedOn;
  /** Escalation ids already received (one per app): a second call with the same one is a replay. */
  readonly guard?: ReplayGuard;
  /** Used when `received` is absent. */
  readonly now?: () => number;
}

const unreadable = (why: UnreadableReason): DecodedContext => ({ status: 'unreadable', why });

/**
 * Reads a received `X-Warmline-Context` value. Untrusted input: never throws, and anything that
 * is not a valid context of a known format is `unreadable` whatever its signature or seal.
 */
export async function decodeEscalationContext(
  header: unknown,
  teamKey?: string,
  options: DecodeOptions = {},
): Promise<DecodedContext> {
  try {
    if (typeof header !== 'string') return unreadable('malformed-encoding');
    // Before any other work, so a hostile megabyte costs one comparison.
    if (header.length > MAX_CONTEXT_HEADER_BYTES) return unreadable('oversized');
    const value = header.trim();
    if (isSealed(value)) {
      const opened = await openSealed(CONTEXT_HEADER, value, teamKey, options.received, options.now ?? Date.now);
      if ('unreadable' in opened) return unreadable(opened.unreadable);
      const { context } = opened;
      if (!opened.valid) return { status: 'not-valid', context, why: opened.why };
      const { received, guard } = options;
      if (received && guard && !guard.admit(context.id, received.sipCallId, received.at))
        return { status: 'not-valid', context, why: 'replayed' };
      return { status: 'verified', context };
    }
    const read = await readOlderFormat(CONTEXT_HEADER, value, MAX_OLDER_PAYLOAD_CHARS, teamKey);
    if ('unreadable' in read) return unreadable(read.unreadable);
    const { context } = read;
    switch (read.signature) {
      case 'valid':
        return { status: 'older-format', context };
      case 'unsigned':
        return { status: 'unverified', context, why: 'unsigned' };
      case 'no-team-key':
        return { status: 'unverified', context, why: 'no-team-key' };
      case 'bad':
        return { status: 'unverified', context, why: 'bad-signature' };
      default:
        throw missingCaseError(read);
    }
  } catch {
    // A bug here must not take the phone screen down with it: say so, as for any bad input.
    return unreadable('malformed-encoding');
  }
}
