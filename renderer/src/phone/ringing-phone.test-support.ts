import { expect } from 'vitest';
import type { PhoneEvent } from './events';
import { FakeSocket } from './fake-socket.test-support';
import { Phone } from './phone';

/** A registered phone on a FakeSocket, taking the queue's INVITE: shared by the tests of incoming calls. */
export const CONFIG = { serverUrl: 'ws://127.0.0.1:5066', sipUri: 'sip:1001@warmline.test', password: 'secret' } as const;

export async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

/** The queue's INVITE as the lab sends it (one Via per offer: `branch` tells a new offer from the first). */
export function invite(branch: string): string {
  const sdp = [
    'v=0',
    'o=- 1 1 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    'a=rtpmap:111 opus/48000/2',
    '',
  ].join('\r\n');
  return [
    'INVITE sip:1001@df7jal23ls0d.invalid;transport=ws SIP/2.0',
    `Via: SIP/2.0/WS 127.0.0.1:5066;branch=${branch}`,
    'Max-Forwards: 69',
    'From: "Sanne de Vries" <sip:9001@warmline.test>;tag=caller1',
    'To: <sip:support@warmline.test>',
    'Call-ID: queue-call-1',
    'CSeq: 2 INVITE',
    'Contact: <sip:9001@caller.invalid;transport=ws>',
    'X-Warmline-Queue: support',
    'Content-Type: application/sdp',
    `Content-Length: ${sdp.length}`,
    '',
    sdp,
  ].join('\r\n');
}

/** A phone on `socket`, Available and registered (the socket must answer the REGISTER). */
export async function registeredPhone(socket: FakeSocket): Promise<{ phone: Phone; events: PhoneEvent[] }> {
  const phone = new Phone({ createSocket: () => socket.asSocket() });
  const events: PhoneEvent[] = [];
  phone.on((event) => events.push(event));
  expect(phone.configure(CONFIG).ok).toBe(true);
  phone.setAvailable(true);
  phone.start();
  await until(() => phone.registration.state === 'registered');
  return { phone, events };
}

export async function ringingPhone(): Promise<{ phone: Phone; socket: FakeSocket; events: PhoneEvent[] }> {
  const socket = new FakeSocket();
  socket.serve = (message, s) => {
    if (message.startsWith('REGISTER')) {
      const contact = /^Contact: (.*)$/im.exec(message)?.[1] ?? '';
      s.deliver(FakeSocket.reply(message, '200 OK', [`Contact: ${contact};expires=300`]));
    }
  };
  const { phone, events } = await registeredPhone(socket);
  socket.deliver(invite('z9hG4bKfirst'));
  await until(() => events.some((e) => e.type === 'incoming'));
  return { phone, socket, events };
}
