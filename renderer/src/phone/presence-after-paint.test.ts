import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from './fake-socket.test-support';
import { Phone } from './phone';

// When the presence client's code is asked for: the module factory runs on the first import.
const loaded = vi.hoisted(() => ({ count: 0 }));
vi.mock('./presence', async (importOriginal) => {
  loaded.count += 1;
  return importOriginal();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A phone watching one colleague, started, once a fake server has answered its REGISTER with 200. */
async function signedIn(stateShown?: Promise<unknown>) {
  const socket = new FakeSocket();
  let answered = false;
  socket.serve = (message, s) => {
    if (!message.startsWith('REGISTER')) return;
    const contact = /^Contact: (.*)$/im.exec(message)?.[1] ?? '';
    answered = true;
    s.deliver(FakeSocket.reply(message, '200 OK', [`Contact: ${contact};expires=300`]));
  };
  const phone = new Phone({ createSocket: () => socket.asSocket(), ...(stateShown ? { stateShown } : {}) });
  expect(phone.configure({ serverUrl: 'ws://127.0.0.1:5066', sipUri: 'sip:1001@warmline.test', password: 'x' }).ok).toBe(true);
  phone.watchTeam(['1002']);
  phone.start();
  for (let i = 0; i < 100 && !answered; i += 1) await new Promise((r) => setTimeout(r, 10));
  expect(answered).toBe(true);
  return { phone, socket };
}

describe("the presence client's code in a page", () => {
  it('is asked for only after the frame that shows "Signed in" is painted (issue 19: JS at start)', async () => {
    // A page's frames, run by hand: what the REGISTER's answer changes is painted in the next one.
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    const { phone, socket } = await signedIn();
    // Tasks run meanwhile, but no frame has been painted: nothing is asked for yet.
    await new Promise((r) => setTimeout(r, 50));
    expect(loaded.count).toBe(0);
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames.splice(0)) frame(performance.now());
    for (let i = 0; i < 200 && !socket.sent.some((m) => m.startsWith('SUBSCRIBE')); i += 1)
      await new Promise((r) => setTimeout(r, 10));
    expect(loaded.count).toBe(1);
    expect(socket.sent.some((m) => m.startsWith('SUBSCRIBE'))).toBe(true);
    await phone.stop();
  });

  it("waits for the page to show the phone's state, when the REGISTER is answered before the start shell is up", async () => {
    // The strings the shell needs can arrive after the 200 OK: "Signed in" is not on screen until they do.
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    const runFrames = () => {
      for (const frame of frames.splice(0)) frame(performance.now());
    };
    let shown = () => {};
    const stateShown = new Promise<void>((resolve) => (shown = resolve));
    const { phone, socket } = await signedIn(stateShown);
    // Frames are painted, but the page does not show the state yet: the client is not started (this
    // file's first test loaded its module already, so what is observed is the SUBSCRIBEs it sends).
    for (let i = 0; i < 10; i += 1) {
      runFrames();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(socket.sent.some((m) => m.startsWith('SUBSCRIBE'))).toBe(false);
    shown();
    for (let i = 0; i < 200 && !socket.sent.some((m) => m.startsWith('SUBSCRIBE')); i += 1) {
      runFrames();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(socket.sent.some((m) => m.startsWith('SUBSCRIBE'))).toBe(true);
    await phone.stop();
  });
});
