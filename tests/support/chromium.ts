import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

/** Debian's Chromium; Playwright's own browser download is impossible on our machines. */
export const CHROMIUM_PATH = process.env.WARMLINE_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The flags every test browser gets. `--allow-loopback-in-peer-connection` is what lets ICE
 * complete between two pages on 127.0.0.1 (without it no INVITE is ever sent); the fake devices
 * give real WebRTC audio (a beeping tone) without a sound card or a permission prompt.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--allow-loopback-in-peer-connection',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
] as const;

/** A fresh browser (Playwright gives each launch a fresh profile). */
export async function launchChromium(extraArgs: readonly string[] = [], options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    headless: true,
    ...options,
  });
}
