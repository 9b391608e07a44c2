import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostEvent, WarmlineBridge } from '../../../shared/host-api';
import { connectHost } from './index';

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
