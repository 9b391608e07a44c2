import type { Protocol } from 'electron';
import { readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { contentTypeFor } from '../../shared/content-types';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';

/**
 * The renderer is served from `app://warmline/` instead of file:// (Electron's security checklist
 * item 18): a page under file:// shares its origin with every file on disk, so a navigation or
 * fetch slip could read any of them; here only the built renderer folder is reachable, and the
 * page has an origin of its own that IPC, permissions and navigation can check against.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'warmline';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * `standard` gives the scheme real origins and relative URLs, `secure` makes it a secure context
 * (getUserMedia and Web Crypto require one), `supportFetchAPI` lets the page fetch its own
 * assets, `stream` lets media elements play from it, `codeCache` keeps startup fast.
 * `bypassCSP` stays off, so the page's policy applies to itself; so does `corsEnabled`, which
 * would let any other origin read these files (Electron serves custom schemes without checking
 * Access-Control-Allow-Origin). Vite's `crossorigin` module scripts are same-origin and load anyway.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
  ]);
}

/** Headers on every answer, errors included: the policy, and no sniffing a file into a script. */
function headers(contentType: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  });
}

const notFound = () => new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') });

/**
 * The URL's path as file name segments, or undefined when a segment could step out of the folder
 * or name something hidden: `..` and `.` (also percent-encoded; the URL parser resolves only the
 * plain ones), encoded slashes and backslashes, NUL, drive letters, dot-files, empty segments.
 */
function segmentsOf(pathname: string): string[] | undefined {
  const raw = pathname.replace(/^\//, '');
  if (raw === '') return ['index.html'];
  const segments: string[] = [];
  for (const part of raw.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return undefined;
    }
    if (decoded === '' || decoded.startsWith('.') || /[/\\:\0]/.test(decoded)) return undefined;
    segments.push(decoded);
  }
  return segments;
}

/**
 * The `protocol.handle` handler: files under `root` only. A path that leaves the folder, names a
 * folder or a missing file, or passes through a symlink (even one pointing inside) gets a 404, so
 * what is served is exactly what the build wrote. No fallback to index.html: the app routes by
 * hash, so any other path is a mistake or a probe.
 */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound();
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound();
    const segments = segmentsOf(url.pathname);
    if (!segments) return notFound();
    try {
      const expected = join(await realpath(root), ...segments);
      // realpath resolves every symlink on the way; anything but the plain path means one was there.
      if ((await realpath(expected)) !== expected || !(await stat(expected)).isFile()) return notFound();
      const body = request.method === 'HEAD' ? null : await readFile(expected);
      return new Response(body, { status: 200, headers: headers(contentTypeFor(expected)) });
    } catch {
      return notFound();
    }
  };
}

/** Serves the built renderer on the app scheme; call once the app is ready. */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(root));
}
