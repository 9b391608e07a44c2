import type { Socket } from 'jssip/lib/Socket';

/**
 * A JsSIP socket with no network behind it, for unit tests (the back-to-back fake transport
 * SIP.js's own tests use). `serve` answers what the UA sends; `deliver` injects raw text as
 * if it came from the server.
 */
export class FakeSocket {
  readonly sent: string[] = [];
  via_transport = 'WS';
  readonly url = 'ws://127.0.0.1:5066';
  readonly sip_uri = 'sip:127.0.0.1:5066;transport=ws';
  #connected = false;
  serve: (message: string, socket: FakeSocket) => void = () => undefined;
  onconnect: () => void = () => undefined;
  ondisconnect: (error: boolean, code?: number, reason?: string) => void = () => undefined;
  ondata: (data: string) => void = () => undefined;

  asSocket(): Socket {
    return this as unknown as Socket;
  }

  connect(): void {
    this.#connected = true;
    setTimeout(() => this.onconnect(), 0);
  }

  disconnect(): void {
    this.#connected = false;
  }

  send(message: string): boolean {
    this.sent.push(message);
    setTimeout(() => this.serve(message, this), 0);
    return true;
  }

  isConnected(): boolean {
    return this.#connected;
  }

  isConnecting(): boolean {
    return false;
  }

  deliver(raw: string): void {
    this.ondata(raw);
  }

  /** A response to `request` with the given status line and extra header lines. */
  static reply(request: string, status: string, extra: readonly string[] = []): string {
    const header = (name: string): string[] =>
      request.split('\r\n').filter((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`));
    const to = header('To')[0] ?? 'To: <sip:x@y>';
    return [
      `SIP/2.0 ${status}`,
      ...header('Via'),
      header('From')[0] ?? '',
      /;tag=/.test(to) ? to : `${to};tag=srv1`,
      ...header('Call-ID'),
      ...header('CSeq'),
      ...extra,
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
  }
}

export function firstLine(message: string): string {
  return message.split('\r\n')[0] ?? '';
}
