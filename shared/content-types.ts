/**
 * Content types for the files a built renderer consists of, shared by the desktop shell's app://
 * scheme and the browser-mode web host. Anything else is served as opaque bytes, and with
 * `nosniff` a browser will not run it as a script or style.
 */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export const OPAQUE_CONTENT_TYPE = 'application/octet-stream';

/** The content type for a file name, by its last extension, case-insensitively. */
export function contentTypeFor(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  if (dot <= slash + 1) return OPAQUE_CONTENT_TYPE;
  return CONTENT_TYPES[fileName.slice(dot).toLowerCase()] ?? OPAQUE_CONTENT_TYPE;
}
