import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAesGcmCodec } from '../../../electron/services/credentials/aes-gcm-codec';
import { createHostServices, DATABASE_FILE, type HostServices } from '../../../electron/services/host-api/host-services';
import { DEFAULT_SETTINGS, SETTINGS_LIMITS } from '../../../shared/settings';
import { makeTempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
const key = randomBytes(32);
const quiet = { warn: () => {}, error: () => {} };
const open = (withKey = true): HostServices =>
  createHostServices({
    dataDir: dir.path,
    host: 'browser',
    version: '0.0.0-test',
    log: quiet,
    ...(withKey ? { secretCodec: createAesGcmCodec(key) } : {}),
  });
const rows = () => {
  const db = new Database(join(dir.path, DATABASE_FILE), { readonly: true });
  const all = db.prepare('SELECT key, value FROM settings ORDER BY key').all();
  db.close();
  return all;
};

beforeEach(() => (dir = makeTempDir()));
afterEach(() => dir.remove());

describe('settings through the HostApi', () => {
  it('starts with defaults and no password', async () => {
    const host = open();
    expect(await host.dispatch('getSettings', [])).toEqual({
      ok: true,
      value: { ...DEFAULT_SETTINGS, passwordSet: false, teamKeySet: false },
    });
    host.close();
  });

  it('keeps saved settings across a restart, in the SQLite file', async () => {
    let host = open();
    const saved = await host.dispatch('saveSettings', [
      { serverUrl: 'wss://pbx.example.com:7443', sipUri: 'sip:1001@example.com', displayName: 'Maria Santos', language: 'tl' },
    ]);
    expect(saved.ok).toBe(true);
    host.close();
    host = open();
    const again = await host.dispatch('getSettings', []);
    expect(again).toMatchObject({
      ok: true,
      value: { displayName: 'Maria Santos', language: 'tl', sipUri: 'sip:1001@example.com' },
    });
    host.close();
    expect(rows()).toContainEqual({ key: 'displayName', value: '"Maria Santos"' });
  });

  it('hands the renderer its settings, the open wrap-up and the SIP password in one bootstrap call', async () => {
    const host = open();
    await host.dispatch('saveSettings', [
      { serverUrl: 'wss://pbx.example.com:7443', sipUri: 'sip:1001@example.com', language: 'nl', password: 'pw-1001' },
    ]);
    const settings = await host.dispatch('getSettings', []);
    expect(settings.ok).toBe(true);
    expect(await host.dispatch('bootstrap', [])).toEqual({
      ok: true,
      value: { settings: settings.ok && settings.value, openWrapUp: null, sipPassword: 'pw-1001' },
    });
    expect(await host.dispatch('bootstrap', ['extra'])).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    host.close();
  });

  it('stores the password encrypted, never in clear, and never returns it', async () => {
    const host = open();
    const result = await host.dispatch('saveSettings', [{ password: 'correct horse battery staple' }]);
    expect(result).toMatchObject({ ok: true, value: { passwordSet: true } });
    expect(JSON.stringify(result)).not.toContain('correct horse');
    expect(await host.dispatch('getSipPassword', [])).toEqual({ ok: true, value: 'correct horse battery staple' });
    host.close();
    for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`]) {
      let bytes = Buffer.alloc(0);
      try {
        bytes = readFileSync(join(dir.path, name));
      } catch {
        /* the WAL may already be checkpointed */
      }
      expect(bytes.includes(Buffer.from('correct horse'))).toBe(false);
    }
  });

  it('stores the team key like the password: encrypted, reported as set, read back only by its own method', async () => {
    const host = open();
    const result = await host.dispatch('saveSettings', [{ teamKey: 'team blue secret' }]);
    expect(result).toMatchObject({ ok: true, value: { teamKeySet: true, passwordSet: false } });
    expect(JSON.stringify(result)).not.toContain('team blue');
    expect(await host.dispatch('getTeamKey', [])).toEqual({ ok: true, value: 'team blue secret' });
    host.close();
  });

  it('keeps the password in memory only when the host has no key', async () => {
    let host = open(false);
    await host.dispatch('saveSettings', [{ password: 'secret' }]);
    expect(await host.dispatch('getSettings', [])).toMatchObject({ value: { passwordSet: true } });
    host.close();
    host = open(false);
    expect(await host.dispatch('getSettings', [])).toMatchObject({ value: { passwordSet: false } });
    host.close();
  });

  it.each([
    ['a number where text belongs', { displayName: 42 }, 'displayName'],
    ['an oversized display name', { displayName: 'x'.repeat(SETTINGS_LIMITS.displayName + 1) }, 'displayName'],
    ['a header-injection attempt', { displayName: 'Eve\r\nX-Evil: 1' }, 'displayName'],
    ['plain ws:// to another machine', { serverUrl: 'ws://pbx.example.com' }, 'serverUrl'],
    ['an unknown language', { language: 'xx' }, 'language'],
    ['an unknown field', { isAdmin: true }, ''],
  ])('refuses %s with a validation error and writes nothing', async (_name, patch, field) => {
    const host = open();
    await host.dispatch('saveSettings', [{ displayName: 'Before' }]);
    const before = rows();
    const result = await host.dispatch('saveSettings', [{ ...patch, authUser: 'should-not-land' }]);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (!result.ok && field) expect(result.error.issues?.map((i) => i.path)).toContain(field);
    expect(rows()).toEqual(before);
    host.close();
  });

  it('answers unknown methods and malformed argument lists with typed errors', async () => {
    const host = open();
    expect(await host.dispatch('dropTables', [])).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await host.dispatch('saveSettings', 'not a list')).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await host.dispatch('getSettings', [1, 2])).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    host.close();
  });

  it('falls back to the default for a damaged stored value', async () => {
    let host = open();
    await host.dispatch('saveSettings', [{ language: 'nl' }]);
    host.db.prepare("UPDATE settings SET value = '\"klingon\"' WHERE key = 'language'").run();
    host.close();
    host = open();
    expect(await host.dispatch('getSettings', [])).toMatchObject({ value: { language: 'en' } });
    host.close();
  });
});
