import type { NotificationConstructorOptions } from 'electron';
import { EventEmitter } from 'node:events';

/**
 * Test doubles for Electron's objects at the OS boundary only: they record what our real wiring
 * asks of them. Nothing of Warmline's own code is replaced.
 */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  mainFrame: { url: string } = { url: '' };
  url = '';
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  readonly sent: { channel: string; payload: unknown }[] = [];
  destroyed = false;
  getURL() {
    return this.url;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** Emits like Electron: returns whether a listener called `preventDefault`. */
  fire(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

type PermissionHandler = (
  contents: FakeWebContents,
  permission: string,
  callback: (granted: boolean) => void,
  details: Record<string, unknown>,
) => void;

export class FakeSession {
  requestHandler: PermissionHandler | undefined;
  checkHandler: ((contents: unknown, permission: string, origin: string) => boolean) | undefined;
  headersHandler: ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void) | undefined;
  setPermissionRequestHandler(h: PermissionHandler) {
    this.requestHandler = h;
  }
  setPermissionCheckHandler(h: (contents: unknown, permission: string, origin: string) => boolean) {
    this.checkHandler = h;
  }
  webRequest = {
    onHeadersReceived: (h: FakeSession['headersHandler']) => {
      this.headersHandler = h;
    },
  };
  request(permission: string, details: Record<string, unknown>, contents = new FakeWebContents()): boolean {
    let granted: boolean | undefined;
    this.requestHandler?.(contents, permission, (g) => (granted = g), details);
    if (granted === undefined) throw new Error('permission handler never answered');
    return granted;
  }
}

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  readonly listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
    if (this.listeners.has(channel)) throw new Error(`second listener for ${channel}`);
    this.listeners.set(channel, listener);
  }
}

/** Electron's Tray: records the image, tooltip and menu template (Menu.buildFromTemplate is doubled as identity). */
export class FakeTray {
  static readonly all: FakeTray[] = [];
  tooltip = '';
  menu: MenuTemplate = [];
  readonly listeners = new Map<string, () => void>();
  destroyed = false;
  constructor(public image: unknown) {
    FakeTray.all.push(this);
  }
  setImage(image: unknown) {
    this.image = image;
  }
  setToolTip(tooltip: string) {
    this.tooltip = tooltip;
  }
  setContextMenu(menu: MenuTemplate) {
    this.menu = menu;
  }
  on(event: string, fn: () => void) {
    this.listeners.set(event, fn);
    return this;
  }
  destroy() {
    this.destroyed = true;
  }
  /** Clicks the menu item with this label (searching submenus), as the agent would. */
  click(label: string) {
    const item = flatten(this.menu).find((i) => i.label === label);
    if (!item?.click) throw new Error(`no clickable "${label}" in the tray menu`);
    item.click();
  }
}

export interface MenuTemplateItem {
  label?: string;
  enabled?: boolean;
  checked?: boolean;
  type?: string;
  click?: () => void;
  submenu?: MenuTemplate;
}
export type MenuTemplate = MenuTemplateItem[];
const flatten = (menu: MenuTemplate): MenuTemplateItem[] => menu.flatMap((i) => [i, ...flatten(i.submenu ?? [])]);

export const FakeMenu = { buildFromTemplate: (template: MenuTemplate) => template };
export const fakeNativeImage = { createFromPath: (path: string) => ({ path }) };

/** Electron's Notification: records options, shows and closes; listeners are called by the test as the OS would. */
export class FakeNotification {
  static supported = true;
  static all: FakeNotification[] = [];
  static isSupported = () => FakeNotification.supported;
  readonly listeners = new Map<string, (...a: unknown[]) => void>();
  shown = false;
  closed = false;
  constructor(readonly options: NotificationConstructorOptions) {
    FakeNotification.all.push(this);
  }
  show() {
    this.shown = true;
  }
  close() {
    this.closed = true;
  }
  on(event: string, fn: (...a: unknown[]) => void) {
    this.listeners.set(event, fn);
    return this;
  }
}

/** Electron's globalShortcut: `takenByOthers` are keys another application already holds. */
export class FakeGlobalShortcut {
  readonly registered = new Map<string, () => void>();
  constructor(readonly takenByOthers: string[] = []) {}
  register(accelerator: string, callback: () => void): boolean {
    if (this.takenByOthers.includes(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  }
  unregister(accelerator: string) {
    this.registered.delete(accelerator);
  }
  press(accelerator: string) {
    this.registered.get(accelerator)?.();
  }
}

/** Electron's protocol module: records privileged schemes and the handler per scheme. */
export class FakeProtocol {
  readonly privileged: { scheme: string; privileges?: Record<string, boolean> }[] = [];
  readonly handlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]) {
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>) {
    if (this.handlers.has(scheme)) throw new Error(`second handler for ${scheme}:`);
    this.handlers.set(scheme, handler);
  }
}
