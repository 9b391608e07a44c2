/** Structured views of the parts of a SIP message the lab server acts on (RFC 3261 §20, §25). */

export type Params = ReadonlyMap<string, string | null>;

export interface SipUri {
  /** Lower-cased scheme: `sip`, `sips` or another absoluteURI scheme (kept opaque). */
  readonly scheme: string;
  readonly user: string | null;
  readonly password: string | null;
  /** Lower-cased host; IPv6 references keep their brackets. */
  readonly host: string;
  readonly port: number | null;
  /** Parameter names lower-cased (RFC 3261 §19.1.4 compares them case-insensitively). */
  readonly params: Params;
  readonly headers: string | null;
  /** The text as received, for opaque forwarding. */
  readonly raw: string;
}

export interface NameAddr {
  readonly displayName: string | null;
  readonly uri: SipUri;
  readonly params: Params;
  /** Whether the URI was in angle brackets (it must be if it has parameters of its own). */
  readonly bracketed: boolean;
}

export interface Via {
  readonly transport: string;
  readonly host: string;
  readonly port: number | null;
  readonly params: Params;
  readonly branch: string | null;
}

export interface CSeq {
  readonly seq: number;
  readonly method: string;
}

export interface Header {
  /** Canonical name (compact forms expanded, known names in their usual case). */
  name: string;
  value: string;
}

interface MessageBase {
  headers: Header[];
  body: Buffer;
}

export interface SipRequest extends MessageBase {
  readonly kind: 'request';
  method: string;
  uri: string;
}

export interface SipResponse extends MessageBase {
  readonly kind: 'response';
  status: number;
  reason: string;
}

export type SipMessage = SipRequest | SipResponse;
