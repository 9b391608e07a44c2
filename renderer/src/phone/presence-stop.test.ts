import { describe, expect, it, vi } from 'vitest';
import { FakeSocket } from './fake-socket.test-support';
import { Phone } from './phone';

// The presence client's code arrives when the test lets it: a slow chunk over a busy host.
const chunk = vi.hoisted(() => {
  let release = () => {};
  const arrived = new Promise<void>((resolve) => (release = resolve));
  return { asked: false, arrived, release: () => release() };
});
vi.mock('./presence', async (importOriginal) => {
  chunk.asked = true;
  await chunk.arrived;
  return importOriginal();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('stopping the phone while the presence client is on its way', () => {
  it('resolves only once the chunk has arrived, and starts no client for the stopped phone', async () => {
    const socket = new FakeSocket();
    socket.serve = (message, s) => {
      if (!message.startsWith('REGISTER')) return;
      const contact = /^Contact: (.*)$/im.exec(message)?.[1] ?? '';
      const expires = /^Expires: 0/im.test(message) ? 0 : 300;
      s.deliver(FakeSocket.reply(message, '200 OK', [`Contact: ${contact};expires=${expires}`]));
    };
    const phone = new Phone({ createSocket: () => socket.asSocket() });
    expect(phone.configure({ serverUrl: 'ws://127.0.0.1:5066', sipUri: 'sip:1001@warmline.test', password: 'x' }).ok).toBe(true);
    phone.watchTeam(['1002']);
    phone.start();
    for (let i = 0; i < 200 && !chunk.asked; i += 1) await sleep(10);
    expect(chunk.asked).toBe(true);

    let stopped = false;
    const stopping = phone.stop().then(() => (stopped = true));
    await sleep(100);
    // Nothing the stopped phone started may still be loading when stop() says it is done (a page
    // reloading, a test environment torn down): stop waits for the chunk.
    expect(stopped).toBe(false);
    chunk.release();
    await stopping;
    expect(stopped).toBe(true);
    await sleep(20);
    expect(socket.sent.some((m) => m.startsWith('SUBSCRIBE') || m.startsWith('PUBLISH'))).toBe(false);
  });
});
