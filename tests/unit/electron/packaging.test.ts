import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../..');
const require = createRequire(import.meta.url);

/** electron-builder's own loader and schema validator (app-builder-lib), as `electron-builder` runs them. */
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  // electron-builder's Configuration, loosely: the tests read the fields they check.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Record<string, any>>;
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

async function loadConfig() {
  return getConfig(root, join(root, 'electron-builder.yml'), null);
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

// Loading electron-builder's schema validator takes seconds on a busy machine (seen: over 5 s under load).
const VALIDATOR_MS = 30_000;

describe('packaging (electron-builder.yml)', () => {
  it('passes electron-builder’s own schema', { timeout: VALIDATOR_MS }, async () => {
    const config = await loadConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is checked for real: the same validator refuses a misspelt key', { timeout: VALIDATOR_MS }, async () => {
    const config = await loadConfig();
    const typo = { ...config, mac: { ...config.mac, hardenedRuntim: true } };
    await expect(validateConfiguration(typo, new DebugLogger(false))).rejects.toThrow(/Invalid configuration object/);
  });

  it('builds AppImage and deb, NSIS, and dmg', async () => {
    const config = await loadConfig();
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis']);
    expect(config.mac.target.map((t: { target: string }) => t.target)).toEqual(['dmg']);
  });

  it('asks for the microphone on macOS, under the hardened runtime with audio-input and nothing more', async () => {
    const config = await loadConfig();
    expect(config.mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/microphone/);
    expect(config.mac.hardenedRuntime).toBe(true);
    const entitlements = readFileSync(join(root, config.mac.entitlements), 'utf8');
    expect(entitlements).toContain('com.apple.security.device.audio-input');
    expect(entitlements).toContain('com.apple.security.cs.allow-jit');
    expect(entitlements).not.toMatch(/disable-library-validation|device\.camera|allow-dyld-environment/);
  });

  it('rebuilds better-sqlite3 for Electron only when packaging, and restores the Node build after', async () => {
    const config = await loadConfig();
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.dist).toBe('node scripts/dist.mjs');
    expect(readFileSync(join(root, 'scripts/dist.mjs'), 'utf8')).toMatch(/npm', \['rebuild', 'better-sqlite3'\]/);
  });

  it('declares tel:, callto:, sip: and sips: as the app’s link schemes', async () => {
    const config = await loadConfig();
    expect(config.protocols.flatMap((p: { schemes: string[] }) => p.schemes).sort()).toEqual(['callto', 'sip', 'sips', 'tel']);
  });

  it('flips the Electron fuses that turn the app into a general Node runtime off', async () => {
    const { electronFuses } = await loadConfig();
    expect(electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('ships the generated icons: a 512 px app icon and 16/32 px tray icons per state', async () => {
    const config = await loadConfig();
    expect(pngSize(join(root, config.linux.icon))).toEqual({ width: 512, height: 512 });
    for (const state of ['available', 'busy', 'wrap-up', 'break', 'offline']) {
      expect(pngSize(join(root, 'resources/tray', `${state}.png`))).toEqual({ width: 16, height: 16 });
      expect(pngSize(join(root, 'resources/tray', `${state}@2x.png`))).toEqual({ width: 32, height: 32 });
    }
    expect(existsSync(join(root, 'scripts/make-icons.mjs'))).toBe(true);
  });
});
