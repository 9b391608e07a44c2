import type { Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';

/**
 * Is `url` one of the app's own pages: the same scheme and host as the app's URL (`app://warmline`,
 * or the dev server's `http://localhost:port`)? Origins are compared by parts because for a
 * custom scheme Node's URL reports the origin as "null", which would match any other opaque one.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const candidate = new URL(url);
    const own = new URL(appUrl);
    return candidate.protocol === own.protocol && candidate.host === own.host && own.host !== '';
  } catch {
    return false;
  }
}

/** No navigation away from the app, no new windows, no webviews: links to elsewhere open nowhere. */
export function lockDownContents(contents: WebContents, appUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Only the microphone, and only for the app's own page. */
export function restrictPermissions(session: Session, appUrl: string): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const audioOnly = permission === 'media' && mediaTypes.every((t) => t === 'audio');
    callback(audioOnly && isAppUrl(details.requestingUrl ?? contents.getURL(), appUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return permission === 'media' && isAppUrl(requestingOrigin, appUrl);
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}
