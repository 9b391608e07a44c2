import { hexDecode, hexEncode, utf8Decode, utf8Encode } from './bytes';
import { escalationIdSchema } from './schema';

/**
 * RFC 7433 `User-to-User`, for PBXes and carriers that drop X- headers but pass UUI through
 * (many contact-center platforms do, it being how ISDN handed call data along). It carries only
 * a reference, the escalation id, never the context: UUI is small, unsigned here, and crosses
 * systems we do not control.
 *
 * The data is framed as the isdn-uui package (RFC 7434), the one registered package and the one
 * such equipment understands: a protocol discriminator octet 0x04 (IA5 characters, ITU-T Q.931
 * §4.5.30) and then ASCII `WL1:<id>`; hex-encoded as RFC 7433 §4.1 requires for binary data, and
 * with `purpose=isdn-uui` stated rather than left to the default. 37 octets, well inside the 128
 * that ISDN interworking allows.
 */
export const USER_TO_USER_HEADER = 'User-to-User';
const IA5_DISCRIMINATOR = 0x04;
const PREFIX = 'WL1:';

export function userToUserHeader(escalationId: string): string {
  const data = Uint8Array.from([IA5_DISCRIMINATOR, ...utf8Encode(PREFIX + escalationId)]);
  return `${hexEncode(data)};encoding=hex;purpose=isdn-uui`;
}

/** One uui-value's data and its parameters, names lower-cased (RFC 3261 header parameters are case-insensitive). */
function parseValue(value: string): { data: string; params: Map<string, string> } {
  const [data = '', ...rest] = value.split(';').map((p) => p.trim());
  const params = new Map<string, string>();
  for (const p of rest) {
    const eq = p.indexOf('=');
    params.set((eq < 0 ? p : p.slice(0, eq)).trim().toLowerCase(), eq < 0 ? '' : p.slice(eq + 1).trim());
  }
  return { data, params };
}

/**
 * The escalation id in a received `User-to-User` value, or `undefined` when none of its
 * comma-separated values is ours. Other parties' UUI (a carrier's, an IVR's) is ignored, not an error.
 */
export function escalationIdFromUserToUser(header: unknown): string | undefined {
  if (typeof header !== 'string' || header.length > 1024) return undefined;
  for (const value of header.split(',')) {
    const { data, params } = parseValue(value);
    if (params.get('encoding')?.toLowerCase() !== 'hex') continue;
    const purpose = params.get('purpose')?.toLowerCase();
    if (purpose !== undefined && purpose !== 'isdn-uui') continue;
    const bytes = hexDecode(data);
    if (!bytes || bytes[0] !== IA5_DISCRIMINATOR) continue;
    const text = utf8Decode(bytes.subarray(1));
    if (!text?.startsWith(PREFIX)) continue;
    const id = text.slice(PREFIX.length);
    if (escalationIdSchema.safeParse(id).success) return id;
  }
  return undefined;
}
