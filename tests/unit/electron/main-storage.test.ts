import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { chooseSecretStorage } from '../../../electron/main/secret-storage';
import { DataDirInUseError, lockDataDir } from '../../../electron/services/storage/data-dir-lock';
import { makeTempDir } from '../../support/temp-dir';
import { useMainProcess } from './main-harness';

const { start, cleanUp } = useMainProcess();

async function signedInWindow(main: Awaited<ReturnType<typeof start>>) {
  const window = await main.started();
  window.webContents.mainFrame = { url: window.url ?? '' };
  const sender = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
  return (channel: string, ...args: unknown[]) => main.electron.ipcMain.handlers.get(channel)?.(sender, args);
}

describe('secrets on Linux without a keyring (issue 17, finding 10)', () => {
  it('keeps the SIP password in memory only when safeStorage offers just its hard-coded key, and says so', async () => {
    const main = await start({
      safeStorage: { isEncryptionAvailable: () => true, getSelectedStorageBackend: () => 'basic_text' },
    });
    const call = await signedInWindow(main);
    expect(await call('settings:save', { password: 'correct horse', teamKey: 'k'.repeat(32) })).toMatchObject({ ok: true });
    expect(await call('credentials:sip-password:get')).toEqual({ ok: true, value: 'correct horse' });
    expect(main.electron.safeStorage.encryptString).not.toHaveBeenCalled();
    expect(await call('app:info:get')).toMatchObject({ ok: true, value: { passwordStorage: 'memory-no-keyring' } });
    main.app.emit('will-quit');
    const db = new Database(join(main.dataDir.path, 'warmline.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM credentials').get()).toEqual({ n: 0 });
    db.close();
  });

  it('uses the keyring when there is one', async () => {
    const main = await start({ safeStorage: { isEncryptionAvailable: () => true, getSelectedStorageBackend: () => 'kwallet6' } });
    const call = await signedInWindow(main);
    expect(await call('settings:save', { password: 'correct horse' })).toMatchObject({ ok: true });
    expect(main.electron.safeStorage.encryptString).toHaveBeenCalledWith('correct horse');
    expect(await call('app:info:get')).toMatchObject({ ok: true, value: { passwordStorage: 'encrypted' } });
  });

  it('decides by platform: only Linux has the basic_text fallback', () => {
    const api = (backend: string, available = true) => ({
      isEncryptionAvailable: () => available,
      getSelectedStorageBackend: () => backend as 'basic_text',
      encryptString: (p: string) => Buffer.from(p),
      decryptString: (b: Buffer) => b.toString(),
    });
    expect(chooseSecretStorage(api('basic_text'), 'linux')).toEqual({ withoutKeyring: true });
    expect(chooseSecretStorage(api('unknown'), 'linux')).toEqual({ withoutKeyring: true });
    expect(chooseSecretStorage(api('gnome_libsecret'), 'linux').codec).toBeDefined();
    expect(chooseSecretStorage(api('unknown'), 'darwin').codec).toBeDefined();
    expect(chooseSecretStorage(api('unknown', false), 'win32')).toEqual({ withoutKeyring: false });
  });
});

describe('one Warmline per data folder (issue 17, finding 12)', () => {
  it('the desktop app holds the data folder: browser mode on the same folder is told who has it', async () => {
    const main = await start();
    await main.started();
    let refused: unknown;
    try {
      lockDataDir(main.dataDir.path, 'browser mode');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DataDirInUseError);
    expect((refused as Error).message).toContain(`desktop app, process ${process.pid}`);
    main.app.emit('will-quit');
    lockDataDir(main.dataDir.path, 'browser mode').release();
  });

  it('a desktop app started on a folder browser mode is using says so and quits, opening no window', async () => {
    const dir = makeTempDir();
    const browserMode = lockDataDir(dir.path, 'browser mode');
    browserMode.describe('http://127.0.0.1:5180');
    cleanUp(() => {
      browserMode.release();
      dir.remove();
    });
    const main = await start({ dataDir: dir });
    main.app.ready();
    await new Promise((r) => setTimeout(r, 50));
    expect(main.app.quit).toHaveBeenCalled();
    expect(main.windows).toHaveLength(0);
    const [title, text] = main.electron.dialog.showErrorBox.mock.calls[0] ?? [];
    expect(title).toBe('Warmline cannot start');
    expect(text).toContain(`browser mode, process ${process.pid}, at http://127.0.0.1:5180`);
    main.app.emit('will-quit');
    main.releaseProcess();
  });
});

describe('a damaged database (issue 17, finding 13)', () => {
  const damaged = (dir: ReturnType<typeof makeTempDir>) => {
    const file = join(dir.path, 'warmline.sqlite');
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    return file;
  };

  it('names the file, leaves it untouched and quits when the agent does not want a fresh start', async () => {
    const dir = makeTempDir();
    const file = damaged(dir);
    cleanUp(() => dir.remove());
    const main = await start({ dataDir: dir, messageBoxAnswer: 1 });
    main.app.ready();
    await new Promise((r) => setTimeout(r, 50));
    const box = main.electron.dialog.showMessageBoxSync.mock.calls[0]?.[0] as { detail: string; buttons: string[] };
    expect(box.buttons).toEqual(['Move it aside and start fresh', 'Quit']);
    expect(box.detail).toContain(`The Warmline database ${file} is damaged`);
    expect(box.detail).toContain('.recover');
    expect(main.app.quit).toHaveBeenCalled();
    expect(readFileSync(file)).toEqual(Buffer.alloc(8192, 0x5a));
    main.app.emit('will-quit');
    main.releaseProcess();
  });

  it('moves it aside and starts with an empty database when the agent chooses to', async () => {
    const dir = makeTempDir();
    damaged(dir);
    cleanUp(() => dir.remove());
    const main = await start({ dataDir: dir, messageBoxAnswer: 0 });
    await main.started();
    const aside = readdirSync(dir.path).filter((f) => f.startsWith('warmline.sqlite.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir.path, aside[0]!))).toEqual(Buffer.alloc(8192, 0x5a));
    expect(existsSync(join(dir.path, 'warmline.sqlite'))).toBe(true);
    main.app.emit('will-quit');
    main.releaseProcess();
  });
});
