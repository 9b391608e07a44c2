import { describe, expect, it, vi } from 'vitest';
import { HOST_CHANNELS, HOST_METHODS } from '../../../shared/host-api/channels';

describe('preload', () => {
  it('exposes exactly the HostApi as named functions, each bound to its own channel', async () => {
    const exposed = new Map<string, Record<string, (...a: unknown[]) => unknown>>();
    const invoke = vi.fn(async () => ({ ok: true }));
    vi.doMock('electron', () => ({
      contextBridge: {
        exposeInMainWorld: (key: string, api: Record<string, (...a: unknown[]) => unknown>) => exposed.set(key, api),
      },
      ipcRenderer: { invoke, send: vi.fn(), on: vi.fn() },
    }));
    await import('../../../electron/preload/index');
    expect([...exposed.keys()]).toEqual(['warmline']);
    const api = exposed.get('warmline') ?? {};
    expect(Object.keys(api).sort()).toEqual([...HOST_METHODS].sort());
    expect(Object.isFrozen(api)).toBe(true);
    for (const method of HOST_METHODS) {
      await api[method]?.({ x: 1 });
      expect(invoke).toHaveBeenLastCalledWith(HOST_CHANNELS[method], [{ x: 1 }]);
    }
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipc|send|invoke/i);
    vi.doUnmock('electron');
  });
});
