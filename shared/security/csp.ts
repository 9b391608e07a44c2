/**
 * The renderer's Content-Security-Policy, the same in Electron and in browser mode: only the
 * app's own scripts, no eval, no plugins, no framing. `connect-src` allows ws:/wss: because the
 * SIP server is wherever the agent's settings point; media may come from WebRTC streams.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self' ws: wss:",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
