import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostEvent, WarmlineBridge } from '../../../shared/host-api';
import { connectHost } from './index';
import { HOST_TOKEN_STORAGE_KEY, takeHostToken } from './ws-transport';

afterEach(() => vi.unstubAllGlobals());

describe('connectHost in Electron', () => {
  it('offers the preload’s methods and its events behind the one renderer interface', async () => {
    let deliver: (event: HostEvent) => void = () => {};
    const unsubscribe = vi.fn();
    const bridge = Object.freeze({
      getAppInfo: vi.fn(async () => ({ ok: true, value: { host: 'electron' } })),
      onEvent: vi.fn((listener: (event: HostEvent) => void) => {
        deliver = listener;
        return unsubscribe;
      }),
    }) as unknown as WarmlineBridge;
    vi.stubGlobal('window', { warmline: bridge });
    const host = connectHost();
    expect(await host.getAppInfo()).toMatchObject({ ok: true });
    const seen: HostEvent[] = [];
    const stop = host.onHostEvent((e) => seen.push(e));
    deliver({ type: 'command', command: 'escalate' });
    expect(seen).toEqual([{ type: 'command', command: 'escalate' }]);
    stop();
    expect(unsubscribe).toHaveBeenCalled();
    expect('onEvent' in host).toBe(false);
  });
});

describe('the web host’s token in the page', () => {
  function fakeWindow(href: string) {
    const url = new URL(href);
    const stored = new Map<string, string>();
    const win = {
      location: url as unknown as Location,
      history: {
        state: null,
        replaceState: vi.fn((_s: unknown, _t: string, next: string) => {
          const moved = new URL(next, url);
          url.hash = moved.hash;
          url.search = moved.search;
        }),
      } as unknown as History,
      localStorage: {
        getItem: (k: string) => stored.get(k) ?? null,
        setItem: (k: string, v: string) => void stored.set(k, v),
      } as unknown as Storage,
    };
    return { win, url, stored };
  }

  it('takes the token from the printed address, keeps it for this origin and removes it from the address bar', () => {
    const { win, url, stored } = fakeWindow('http://127.0.0.1:5180/?dial=tel%3A123#token=abc_DEF-123');
    expect(takeHostToken(win)).toBe('abc_DEF-123');
    expect(stored.get(HOST_TOKEN_STORAGE_KEY)).toBe('abc_DEF-123');
    expect(url.hash).toBe('');
    expect(url.search).toBe('?dial=tel%3A123');
  });

  it('finds the kept token in a tab opened without it (a tel: link), and has none on a fresh origin', () => {
    const first = fakeWindow('http://127.0.0.1:5180/#token=abc');
    takeHostToken(first.win);
    const link = fakeWindow('http://127.0.0.1:5180/?dial=tel%3A1');
    link.stored.set(HOST_TOKEN_STORAGE_KEY, first.stored.get(HOST_TOKEN_STORAGE_KEY) ?? '');
    expect(takeHostToken(link.win)).toBe('abc');
    expect(link.win.history.replaceState).not.toHaveBeenCalled();
    expect(takeHostToken(fakeWindow('http://127.0.0.1:5180/').win)).toBeUndefined();
  });
});
