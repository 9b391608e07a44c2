import {
  DEFAULT_SETTINGS,
  SETTING_KEYS,
  settingsSchema,
  type SettingKey,
  type Settings,
  type SettingsPatch,
  type SettingsView,
} from '../../../shared/settings';
import { SIP_PASSWORD, TEAM_KEY, type CredentialStore } from '../credentials/credential-store';
import type { SettingsStore } from './settings-store';

export interface SettingsServiceDeps {
  readonly store: SettingsStore;
  readonly credentials: CredentialStore;
  readonly now: () => number;
  readonly warn: (message: string) => void;
}

function isSettingKey(key: string): key is SettingKey {
  return (SETTING_KEYS as readonly string[]).includes(key);
}

export function createSettingsService({ store, credentials, now, warn }: SettingsServiceDeps) {
  /** Stored values are checked again on the way out: a hand-edited or damaged row falls back to its default. */
  function read(): Settings {
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const row of store.readAll()) {
      if (!isSettingKey(row.key)) continue;
      let value: unknown;
      try {
        value = JSON.parse(row.value);
      } catch {
        warn(`settings: stored value of "${row.key}" is not JSON; using the default`);
        continue;
      }
      const field = settingsSchema.shape[row.key].safeParse(value);
      if (field.success) merged[row.key] = field.data;
      else warn(`settings: stored value of "${row.key}" is invalid; using the default`);
    }
    return settingsSchema.parse(merged);
  }

  function view(): SettingsView {
    return { ...read(), passwordSet: credentials.has(SIP_PASSWORD), teamKeySet: credentials.has(TEAM_KEY) };
  }

  return {
    get: view,
    sipPassword: (): string => credentials.get(SIP_PASSWORD) ?? '',
    teamKey: (): string => credentials.get(TEAM_KEY) ?? '',
    /** The patch is already validated against the shared schema by the HostApi dispatcher. */
    save(patch: SettingsPatch): SettingsView {
      const { password, teamKey, ...fields } = patch;
      const pairs = Object.entries(fields)
        .filter(([key, value]) => isSettingKey(key) && value !== undefined)
        .map(([key, value]) => [key, JSON.stringify(value)] as const);
      const at = now();
      store.writeMany(pairs, at);
      for (const [name, secret] of [
        [SIP_PASSWORD, password],
        [TEAM_KEY, teamKey],
      ] as const) {
        if (secret === undefined) continue;
        if (secret === '') credentials.delete(name);
        else credentials.set(name, secret, at);
      }
      return view();
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
