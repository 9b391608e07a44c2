import { describe, expect, it, vi } from 'vitest';
import { canHandleDialLinks, offerDialLinkHandling, takeDialLinkFromAddress, WEB_DIAL_LINK_SCHEMES } from './browser-integration';

/** The slices of a browser window these functions touch: an address bar, its history and navigator. */
function fakeWindow(address: string, registerProtocolHandler?: (scheme: string, url: string) => void) {
  const location = new URL(address);
  const history = {
    state: { kept: true },
    replaceState: vi.fn((_state: unknown, _unused: string, next: string) => {
      const moved = new URL(next, location.href);
      location.href = moved.href;
    }),
  };
  const navigator = registerProtocolHandler ? { registerProtocolHandler } : {};
  return { location, history, navigator } as unknown as Window & { history: typeof history };
}

describe('tel: and sip: links in browser mode', () => {
  it('is offered where the browser lets a page handle links, and never inside the desktop app', () => {
    expect(canHandleDialLinks(fakeWindow('http://127.0.0.1:5180/', () => {}))).toBe(true);
    expect(canHandleDialLinks(fakeWindow('http://127.0.0.1:5180/'))).toBe(false);
    expect(
      canHandleDialLinks(
        Object.assign(
          fakeWindow('app://warmline/', () => {}),
          { warmline: {} },
        ),
      ),
    ).toBe(false);
  });

  it('asks for the safelisted schemes only, pointing at this app with the link as ?dial=%s', () => {
    const register = vi.fn();
    expect(offerDialLinkHandling(fakeWindow('http://127.0.0.1:5180/#/settings', register))).toEqual([]);
    expect(register.mock.calls).toEqual([
      ['tel', 'http://127.0.0.1:5180/?dial=%s'],
      ['sip', 'http://127.0.0.1:5180/?dial=%s'],
    ]);
    expect(WEB_DIAL_LINK_SCHEMES).not.toContain('callto');
  });

  it('reports a scheme the browser refuses and still asks for the others', () => {
    const register = vi.fn((scheme: string) => {
      if (scheme === 'tel') throw new DOMException('not allowed', 'SecurityError');
    });
    expect(offerDialLinkHandling(fakeWindow('http://127.0.0.1:5180/', register))).toEqual(['tel']);
    expect(register).toHaveBeenCalledTimes(2);
  });

  it('puts the link the browser opened the app with in the dial pad, and takes it out of the address', async () => {
    const store = { requestDial: vi.fn() };
    const win = fakeWindow('http://127.0.0.1:5180/?dial=tel%3A%2B31-20-123%204567&lang=nl#top');
    await takeDialLinkFromAddress(store, win);
    expect(store.requestDial).toHaveBeenCalledWith('+31201234567');
    expect(win.location.href).toBe('http://127.0.0.1:5180/?lang=nl#top');
    expect(win.history.replaceState).toHaveBeenCalledWith({ kept: true }, '', '/?lang=nl#top');
  });

  it('keeps the plus of a link typed into the address bar as it is (?dial=tel:+31…)', async () => {
    const store = { requestDial: vi.fn() };
    const win = fakeWindow('http://127.0.0.1:5180/?dial=tel:+31201234567');
    await takeDialLinkFromAddress(store, win);
    expect(store.requestDial).toHaveBeenCalledWith('+31201234567');
    expect(win.location.href).toBe('http://127.0.0.1:5180/');
  });

  it('takes a SIP address without its routing parameters', async () => {
    const store = { requestDial: vi.fn() };
    await takeDialLinkFromAddress(store, fakeWindow('http://127.0.0.1:5180/?dial=sip%3Aalice%40example.com%3Bmaddr%3Devil'));
    expect(store.requestDial).toHaveBeenCalledWith('sip:alice@example.com');
  });

  it.each([
    ['another scheme', 'javascript%3Aalert(1)'],
    ['a hidden line break', 'tel%3A%2B1%250d%250a2'],
    ['an over-long link', `tel%3A${'1'.repeat(600)}`],
    ['an empty value', ''],
    ['a broken escape', 'tel%3A%2B1%E0%A4%A'],
  ])('refuses %s: nothing in the dial pad, the address cleaned all the same', async (_name, value) => {
    const store = { requestDial: vi.fn() };
    const win = fakeWindow(`http://127.0.0.1:5180/?dial=${value}`);
    await takeDialLinkFromAddress(store, win);
    expect(store.requestDial).not.toHaveBeenCalled();
    expect(win.location.href).toBe('http://127.0.0.1:5180/');
  });

  it('leaves an address without a link alone', async () => {
    const store = { requestDial: vi.fn() };
    const win = fakeWindow('http://127.0.0.1:5180/?lang=nl');
    await takeDialLinkFromAddress(store, win);
    expect(store.requestDial).not.toHaveBeenCalled();
    expect(win.history.replaceState).not.toHaveBeenCalled();
  });
});
