import { HostServiceError, toValidationError } from '../../../shared/host-api/contract';
import {
  DEFAULT_SHORTCUTS,
  SHORTCUT_ACTIONS,
  shortcutBindingsSchema,
  type ShortcutAction,
  type ShortcutBindings,
  type ShortcutsPatch,
  type ShortcutStatus,
  type ShortcutsView,
} from '../../../shared/host-api/shortcuts';
import type { SettingsStore } from '../settings/settings-store';

/** Stored as one JSON row in the settings table: a settings key of its own, with its own schema. */
export const SHORTCUTS_KEY = 'shortcuts';

/** The OS side: registers bindings system-wide and says, per action, whether that worked. */
export interface GlobalShortcutRegistrar {
  apply(bindings: ShortcutBindings): Readonly<Record<ShortcutAction, ShortcutStatus>>;
}

export interface ShortcutsServiceDeps {
  readonly store: SettingsStore;
  readonly now: () => number;
  readonly warn: (message: string) => void;
  /** Absent in browser mode, where the page handles keys while it has focus. */
  readonly registrar?: GlobalShortcutRegistrar;
}

const IN_WINDOW = Object.fromEntries(SHORTCUT_ACTIONS.map((a) => [a, 'in-window'])) as Record<ShortcutAction, ShortcutStatus>;

export function createShortcutsService({ store, now, warn, registrar }: ShortcutsServiceDeps) {
  /** Stored bindings merged over the defaults, checked again: a damaged row falls back to the defaults. */
  function read(): ShortcutBindings {
    const row = store.readAll().find((r) => r.key === SHORTCUTS_KEY);
    if (!row) return DEFAULT_SHORTCUTS;
    try {
      const parsed = shortcutBindingsSchema.safeParse({ ...DEFAULT_SHORTCUTS, ...(JSON.parse(row.value) as object) });
      if (parsed.success) return parsed.data;
    } catch {
      // fall through to the warning
    }
    warn('shortcuts: stored shortcuts are invalid; using the defaults');
    return DEFAULT_SHORTCUTS;
  }

  let status = registrar ? registrar.apply(read()) : IN_WINDOW;
  const view = (bindings = read()): ShortcutsView => ({ bindings, status });

  return {
    get: (): ShortcutsView => view(),
    /** Merges, refuses a merge that binds one key twice, stores, and registers the new set system-wide. */
    save(patch: ShortcutsPatch): ShortcutsView {
      const merged = shortcutBindingsSchema.safeParse({ ...read(), ...patch });
      if (!merged.success) throw new HostServiceError(toValidationError(merged.error));
      store.writeMany([[SHORTCUTS_KEY, JSON.stringify(merged.data)]], now());
      if (registrar) status = registrar.apply(merged.data);
      return view(merged.data);
    },
  };
}

export type ShortcutsService = ReturnType<typeof createShortcutsService>;
