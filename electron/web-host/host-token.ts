import { randomBytes, timingSafeEqual } from 'node:crypto';
import { HOST_TOKEN_PARAM } from '../../shared/host-api/wire';

/**
 * The HostApi's key in browser mode. The Origin check stops other sites in the agent's browser,
 * but any local program can send `Origin: http://127.0.0.1:5180`; only a program that knows this
 * token (printed by `npm start` in the address, as Jupyter does) can use the socket.
 */
export function newHostToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A token given by the caller (WARMLINE_HOST_TOKEN) must be long and URL-safe, or it is refused. */
export function parseHostToken(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^[A-Za-z0-9_-]{32,128}$/.test(raw)) {
    throw new Error('WARMLINE_HOST_TOKEN must be 32 to 128 characters of A-Z, a-z, 0-9, _ and -.');
  }
  return raw;
}

/** Constant-time comparison of the token a socket upgrade presents (`/host?token=…`). */
export function presentsToken(requestUrl: string | undefined, token: string): boolean {
  let given: string | null;
  try {
    given = new URL(requestUrl ?? '/', 'http://x').searchParams.get(HOST_TOKEN_PARAM);
  } catch {
    return false;
  }
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The address to open: the token rides in the fragment, which the browser never sends to a server or in a Referer. */
export function addressWithToken(origin: string, token: string): string {
  return `${origin}/#${HOST_TOKEN_PARAM}=${token}`;
}
