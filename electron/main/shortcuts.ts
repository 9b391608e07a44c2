import type { GlobalShortcut } from 'electron';
import type { HostCommandEvent } from '../../shared/host-api/events';
import { SHORTCUT_ACTIONS, type ShortcutAction, type ShortcutStatus } from '../../shared/host-api/shortcuts';
import type { GlobalShortcutRegistrar } from '../services/shortcuts/shortcuts-service';

/**
 * Registers the agent's call shortcuts with the OS. Each apply first releases what it registered
 * before (never anyone else's), then registers the new set and reports, per action, a key another
 * application already holds as a conflict instead of failing the whole set.
 */
export function createGlobalShortcuts(
  globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>,
  push: (command: HostCommandEvent) => void,
  log: (message: string) => void,
): GlobalShortcutRegistrar & { unregisterAll(): void } {
  let registered: string[] = [];

  function unregisterAll() {
    for (const accelerator of registered) globalShortcut.unregister(accelerator);
    registered = [];
  }

  return {
    apply(bindings) {
      unregisterAll();
      const status = {} as Record<ShortcutAction, ShortcutStatus>;
      for (const action of SHORTCUT_ACTIONS) {
        const accelerator = bindings[action];
        if (!accelerator) {
          status[action] = 'disabled';
          continue;
        }
        let ok = false;
        try {
          ok = globalShortcut.register(accelerator, () => push({ type: 'command', command: action }));
        } catch {
          ok = false;
        }
        if (ok) registered.push(accelerator);
        else log(`shortcuts: ${accelerator} for "${action}" is taken by another application`);
        status[action] = ok ? 'registered' : 'conflict';
      }
      return status;
    },
    unregisterAll,
  };
}
