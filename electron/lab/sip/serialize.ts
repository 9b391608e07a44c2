import type { SipMessage } from './types.js';

/** Serialise with a correct Content-Length; over WebSocket the frame is the message (RFC 7118 §5). */
export function serialize(msg: SipMessage): string {
  const startLine = msg.kind === 'request' ? `${msg.method} ${msg.uri} SIP/2.0` : `SIP/2.0 ${msg.status} ${msg.reason}`;
  const lines = [startLine];
  for (const h of msg.headers) {
    if (h.name === 'Content-Length') continue;
    lines.push(`${h.name}: ${h.value}`);
  }
  lines.push(`Content-Length: ${msg.body.length}`);
  return `${lines.join('\r\n')}\r\n\r\n${msg.body.toString('utf8')}`;
}
