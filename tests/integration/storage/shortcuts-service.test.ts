import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHostServices, type HostServices } from '../../../electron/services/host-api/host-services';
import { DEFAULT_SHORTCUTS, type ShortcutBindings } from '../../../shared/host-api/shortcuts';
import { makeTempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
const open: HostServices[] = [];
beforeEach(() => (dir = makeTempDir()));
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  dir.remove();
});

/** A registrar standing in for the OS; `taken` are keys another application holds. */
function registrar(taken: string[] = []) {
  const applied: ShortcutBindings[] = [];
  return {
    applied,
    apply(bindings: ShortcutBindings) {
      applied.push(bindings);
      return Object.fromEntries(
        Object.entries(bindings).map(([a, k]) => [a, k === '' ? 'disabled' : taken.includes(k) ? 'conflict' : 'registered']),
      ) as never;
    },
  };
}

function startHost(globalShortcuts?: ReturnType<typeof registrar>, warn = vi.fn()) {
  const services = createHostServices({
    dataDir: dir.path,
    host: 'electron',
    version: 't',
    log: { warn, error() {} },
    ...(globalShortcuts ? { globalShortcuts } : {}),
  });
  open.push(services);
  return services;
}

describe('shortcut settings on a real data file', () => {
  it('start with the defaults, registered with the OS at start', async () => {
    const os = registrar();
    const services = startHost(os);
    expect(await services.dispatch('getShortcuts', [])).toMatchObject({
      ok: true,
      value: { bindings: DEFAULT_SHORTCUTS, status: { answer: 'registered' } },
    });
    expect(os.applied).toEqual([DEFAULT_SHORTCUTS]);
  });

  it('keep a change across restarts, and re-register it at once', async () => {
    const os = registrar(['Ctrl+Shift+F9']);
    const first = startHost(os);
    expect(await first.dispatch('saveShortcuts', [{ answer: 'Ctrl+Shift+F9', escalate: '' }])).toMatchObject({
      ok: true,
      value: { status: { answer: 'conflict', escalate: 'disabled' } },
    });
    expect(os.applied).toHaveLength(2);
    first.close();
    open.length = 0;
    const again = startHost(registrar());
    expect(await again.dispatch('getShortcuts', [])).toMatchObject({
      value: { bindings: { ...DEFAULT_SHORTCUTS, answer: 'Ctrl+Shift+F9', escalate: '' } },
    });
    expect(await again.dispatch('getSettings', [])).toMatchObject({ ok: true, value: { displayName: '' } });
  });

  it('refuse a change that puts two actions on one key, leaving the stored set as it was', async () => {
    const services = startHost(registrar());
    const result = await services.dispatch('saveShortcuts', [{ mute: 'ctrl+alt+a' }]);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', issues: [{ path: 'mute' }] } });
    expect(await services.dispatch('getShortcuts', [])).toMatchObject({ value: { bindings: DEFAULT_SHORTCUTS } });
  });

  it('fall back to the defaults when the stored row is damaged, and say so', async () => {
    const warn = vi.fn();
    const services = startHost(undefined, warn);
    services.db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (\'shortcuts\', \'{"answer":"A"}\', 0)').run();
    expect(await services.dispatch('getShortcuts', [])).toMatchObject({
      value: { bindings: DEFAULT_SHORTCUTS, status: { answer: 'in-window' } },
    });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('shortcuts'));
  });
});
