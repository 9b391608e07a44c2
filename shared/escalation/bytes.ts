/**
 * UTF-8, base64, base64url and hex by hand: shared/ has neither Node's Buffer nor the DOM's
 * TextEncoder/atob types, and this code runs in the renderer and under Node alike.
 * Decoders are strict (they return `undefined` rather than repair), because what they decode
 * comes from the network and a lenient decoder makes two spellings of one signed value.
 */

/** UTF-8 (RFC 3629). A lone surrogate becomes U+FFFD, as TextEncoder does; the schema refuses them before this. */
export function utf8Encode(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return Uint8Array.from(out);
}

/** How many bytes `utf8Encode(text)` would make, without making them. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Strict UTF-8: overlong forms, surrogates, code points past U+10FFFF and cut sequences are refused. */
export function utf8Decode(bytes: Uint8Array): string | undefined {
  const cps: number[] = [];
  for (let i = 0; i < bytes.length;) {
    const b0 = bytes[i] ?? 0;
    let cp: number;
    let extra: number;
    let min: number;
    if (b0 < 0x80) [cp, extra, min] = [b0, 0, 0];
    else if (b0 >= 0xc2 && b0 <= 0xdf) [cp, extra, min] = [b0 & 0x1f, 1, 0x80];
    else if (b0 >= 0xe0 && b0 <= 0xef) [cp, extra, min] = [b0 & 0x0f, 2, 0x800];
    else if (b0 >= 0xf0 && b0 <= 0xf4) [cp, extra, min] = [b0 & 0x07, 3, 0x10000];
    else return undefined;
    if (i + extra >= bytes.length) return undefined;
    for (let k = 1; k <= extra; k++) {
      const b = bytes[i + k] ?? 0;
      if ((b & 0xc0) !== 0x80) return undefined;
      cp = (cp << 6) | (b & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    cps.push(cp);
    i += extra + 1;
  }
  let s = '';
  // In slices: String.fromCodePoint with very many arguments overflows the call stack.
  for (let i = 0; i < cps.length; i += 4096) s += String.fromCodePoint(...cps.slice(i, i + 4096));
  return s;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function encode64(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < 4; k++) out += k < chars ? alphabet[(n >> (18 - 6 * k)) & 0x3f] : pad ? '=' : '';
  }
  return out;
}

function decode64(text: string, alphabet: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    const v = alphabet.indexOf(text.charAt(i));
    if (v < 0) return undefined;
    acc = ((acc << 6) | v) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero: otherwise two different strings would decode to the same bytes.
  return (acc & ((1 << bits) - 1)) === 0 ? out : undefined;
}

/** RFC 4648 §5, without padding (as JWS does): the alphabet is safe in a SIP header value and a URL. */
export const base64urlEncode = (bytes: Uint8Array): string => encode64(bytes, B64URL, false);
export const base64urlDecode = (text: string): Uint8Array | undefined => decode64(text, B64URL);
/** How long `base64urlEncode` of `byteLength` bytes is. */
export const base64urlLength = (byteLength: number): number => Math.ceil((byteLength * 4) / 3);

/** RFC 4648 §4, padded. */
export const base64Encode = (bytes: Uint8Array): string => encode64(bytes, B64, true);
export function base64Decode(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const body = text.replace(/={1,2}$/, '');
  return body.includes('=') ? undefined : decode64(body, B64);
}

export function hexEncode(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Either case; an odd length or a non-hex character is refused. */
export function hexDecode(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(text)) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}
