import type { BrowserWindowConstructorOptions, IpcMain, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { isTrustedSender, registerHostIpc } from '../../../electron/main/ipc';
import { isAppUrl, lockDownContents, restrictPermissions } from '../../../electron/main/security';
import { openMainWindow } from '../../../electron/main/window-options';
import { HOST_CHANNELS, HOST_METHODS } from '../../../shared/host-api/channels';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp';
import { FakeIpcMain, FakeSession, FakeWebContents } from './fake-electron';

const APP = 'app://warmline/index.html';

describe('main window', () => {
  it('is isolated, sandboxed and has no Node in the page', () => {
    const opened = openMainWindow(
      class {
        constructor(readonly options: BrowserWindowConstructorOptions) {}
      },
      '/app/preload/index.cjs',
    );
    const prefs = opened.options.webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      autoplayPolicy: 'no-user-gesture-required',
      backgroundThrottling: false,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('experimentalFeatures');
  });
});

describe('content security policy', () => {
  it('allows only the app’s own scripts and no plugins, eval or framing tricks', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("base-uri 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(eval|inline)/);
  });

  it('is added to every response the session receives', () => {
    const session = new FakeSession();
    restrictPermissions(session as unknown as Session, APP);
    let result: unknown;
    session.headersHandler?.({ responseHeaders: { 'X-Other': ['1'] } }, (r) => (result = r));
    expect(result).toEqual({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
});

describe('navigation and new windows', () => {
  it('recognises only the app’s own origin as the app', () => {
    expect(isAppUrl(APP, APP)).toBe(true);
    expect(isAppUrl(`${APP}#/history`, APP)).toBe(true);
    expect(isAppUrl('app://warmline/assets/index.js', APP)).toBe(true);
    expect(isAppUrl('app://warmline', APP)).toBe(true);
    expect(isAppUrl('app://evil/index.html', APP)).toBe(false);
    expect(isAppUrl('app://warmline.evil.example/index.html', APP)).toBe(false);
    expect(isAppUrl('file:///opt/Warmline/resources/app/out/renderer/index.html', APP)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', APP)).toBe(false);
    expect(isAppUrl('https://warmline/', APP)).toBe(false);
    expect(isAppUrl('https://evil.example/', APP)).toBe(false);
    // Two opaque origins both read "null"; neither is the app.
    expect(isAppUrl('data:text/html,x', 'data:text/html,y')).toBe(false);
    expect(isAppUrl('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl('not a url', APP)).toBe(false);
  });

  it('blocks navigating away, redirects, webviews and window.open', () => {
    const contents = new FakeWebContents();
    lockDownContents(contents as unknown as WebContents, APP);
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', APP)).toBe(false);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-navigate', 'app://evil/index.html')).toBe(true);
    expect(contents.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  const session = new FakeSession();
  restrictPermissions(session as unknown as Session, APP);

  it('grants the microphone to the app’s own page', () => {
    expect(session.request('media', { mediaTypes: ['audio'], requestingUrl: APP })).toBe(true);
  });
  it('refuses the camera, other permissions and other pages', () => {
    expect(session.request('media', { mediaTypes: ['audio', 'video'], requestingUrl: APP })).toBe(false);
    expect(session.request('geolocation', { requestingUrl: APP })).toBe(false);
    expect(session.request('notifications', { requestingUrl: APP })).toBe(false);
    expect(session.request('media', { mediaTypes: ['audio'], requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(session.request('media', { mediaTypes: ['audio'], requestingUrl: 'app://evil/index.html' })).toBe(false);
    expect(session.request('media', { mediaTypes: ['audio'], requestingUrl: 'file:///tmp/x.html' })).toBe(false);
  });
  it('answers permission checks the same way', () => {
    expect(session.checkHandler?.(undefined, 'media', APP)).toBe(true);
    expect(session.checkHandler?.(undefined, 'media', 'app://warmline')).toBe(true);
    expect(session.checkHandler?.(undefined, 'media', 'file://')).toBe(false);
    expect(session.checkHandler?.(undefined, 'media', 'https://evil.example')).toBe(false);
    expect(session.checkHandler?.(undefined, 'clipboard-read', APP)).toBe(false);
  });
});

describe('IPC', () => {
  function setUp() {
    const ipc = new FakeIpcMain();
    const app = new FakeWebContents();
    app.mainFrame = { url: APP };
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 'done' }));
    registerHostIpc(ipc as unknown as IpcMain, dispatch, () => app as unknown as WebContents, APP);
    return { ipc, app, dispatch };
  }

  it('registers one handler per HostApi method, on its namespaced channel', () => {
    const { ipc } = setUp();
    expect([...ipc.handlers.keys()].sort()).toEqual(HOST_METHODS.map((m) => HOST_CHANNELS[m]).sort());
  });

  it('passes a request from the app’s main frame to the dispatcher', async () => {
    const { ipc, app, dispatch } = setUp();
    const handler = ipc.handlers.get('settings:save');
    expect(await handler?.({ sender: app, senderFrame: app.mainFrame }, [{ displayName: 'A' }])).toEqual({
      ok: true,
      value: 'done',
    });
    expect(dispatch).toHaveBeenCalledWith('saveSettings', [{ displayName: 'A' }]);
  });

  it('refuses requests from subframes, other pages or other windows before parsing them', async () => {
    const { ipc, app, dispatch } = setUp();
    const handler = ipc.handlers.get('settings:save');
    const other = new FakeWebContents();
    for (const event of [
      { sender: app, senderFrame: { url: APP } },
      { sender: app, senderFrame: null },
      { sender: other, senderFrame: app.mainFrame },
    ]) {
      expect(await handler?.(event, [{}])).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    for (const url of ['https://evil.example/', 'app://evil/index.html', 'file:///tmp/index.html']) {
      app.mainFrame = { url };
      expect(isTrustedSender({ sender: app, senderFrame: app.mainFrame } as never, app as never, APP)).toBe(false);
    }
    expect(dispatch).not.toHaveBeenCalled();
  });
});
