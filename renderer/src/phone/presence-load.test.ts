import { describe, expect, it, vi } from 'vitest';
import { FakeSocket } from './fake-socket.test-support';
import { Phone } from './phone';

// When the presence client's code is evaluated: the module factory runs on the first import.
const loaded = vi.hoisted(() => ({ at: [] as number[] }));
vi.mock('./presence', async (importOriginal) => {
  loaded.at.push(Date.now());
  return importOriginal();
});

describe("the presence client's code", () => {
  it('is loaded once the first REGISTER is answered, not while the agent waits for it (issue 19: cold start)', async () => {
    const socket = new FakeSocket();
    let answeredAt = 0;
    socket.serve = (message, s) => {
      if (!message.startsWith('REGISTER')) return;
      const contact = /^Contact: (.*)$/im.exec(message)?.[1] ?? '';
      // A server that takes its time: long enough for a chunk asked for at start to have arrived.
      setTimeout(() => {
        answeredAt = Date.now();
        s.deliver(FakeSocket.reply(message, '200 OK', [`Contact: ${contact};expires=300`]));
      }, 300);
    };
    const phone = new Phone({ createSocket: () => socket.asSocket() });
    expect(phone.configure({ serverUrl: 'ws://127.0.0.1:5066', sipUri: 'sip:1001@warmline.test', password: 'x' }).ok).toBe(true);
    phone.watchTeam(['1002']);
    phone.start();
    for (let i = 0; i < 200 && !socket.sent.some((m) => m.startsWith('SUBSCRIBE')); i += 1)
      await new Promise((r) => setTimeout(r, 10));
    expect(socket.sent.some((m) => m.startsWith('SUBSCRIBE'))).toBe(true);
    expect(loaded.at).toHaveLength(1);
    expect(loaded.at[0]).toBeGreaterThanOrEqual(answeredAt);
    await phone.stop();
  });
});
