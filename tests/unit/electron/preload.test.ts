import { afterEach, describe, expect, it, vi } from 'vitest';
import { HOST_CHANNELS, HOST_EVENT_CHANNEL, HOST_EVENT_SUBSCRIBE_CHANNEL, HOST_METHODS } from '../../../shared/host-api/channels';

type Api = Record<string, (...a: unknown[]) => unknown>;

async function loadPreload() {
  vi.resetModules();
  const exposed = new Map<string, Api>();
  const listeners = new Map<string, (event: unknown, payload: unknown) => void>();
  const ipcRenderer = {
    invoke: vi.fn(async () => ({ ok: true })),
    send: vi.fn(),
    on: vi.fn((channel: string, fn: (event: unknown, payload: unknown) => void) => listeners.set(channel, fn)),
    removeListener: vi.fn((channel: string) => listeners.delete(channel)),
  };
  vi.doMock('electron', () => ({
    contextBridge: { exposeInMainWorld: (key: string, api: Api) => exposed.set(key, api) },
    ipcRenderer,
  }));
  await import('../../../electron/preload/index');
  return { exposed, api: exposed.get('warmline') ?? {}, ipcRenderer, listeners };
}

afterEach(() => vi.doUnmock('electron'));

describe('preload', () => {
  it('exposes exactly the HostApi as named functions, each bound to its own channel, and onEvent', async () => {
    const { exposed, api, ipcRenderer } = await loadPreload();
    expect([...exposed.keys()]).toEqual(['warmline']);
    expect(Object.keys(api).sort()).toEqual([...HOST_METHODS, 'onEvent'].sort());
    expect(Object.isFrozen(api)).toBe(true);
    for (const method of HOST_METHODS) {
      await api[method]?.({ x: 1 });
      expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(HOST_CHANNELS[method], [{ x: 1 }]);
    }
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipc|send|invoke/i);
  });

  it('hands an event listener the validated payload only, never the IPC event object', async () => {
    const { api, ipcRenderer, listeners } = await loadPreload();
    const received: unknown[][] = [];
    const stop = api.onEvent?.((...args: unknown[]) => received.push(args)) as () => void;
    expect(ipcRenderer.send).toHaveBeenCalledWith(HOST_EVENT_SUBSCRIBE_CHANNEL);
    const receive = listeners.get(HOST_EVENT_CHANNEL);
    const ipcEvent = { sender: ipcRenderer, ports: [] };
    receive?.(ipcEvent, { type: 'command', command: 'hold' });
    receive?.(ipcEvent, { type: 'command', command: 'hold', sender: 'x' });
    receive?.(ipcEvent, { type: 'dial-link', target: 'javascript:alert(1)\n' });
    expect(received).toEqual([[{ type: 'command', command: 'hold' }]]);
    stop();
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith(HOST_EVENT_CHANNEL, expect.any(Function));
    expect(listeners.has(HOST_EVENT_CHANNEL)).toBe(false);
    expect(() => api.onEvent?.('not a function')).toThrow(TypeError);
  });
});
