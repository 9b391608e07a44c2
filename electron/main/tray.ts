import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import { join } from 'node:path';
import { INITIAL_AGENT_STATUS, type AgentStatus } from '../../shared/host-api/agent-status';
import type { HostCommandEvent } from '../../shared/host-api/events';
import { missingCaseError } from '../../shared/result';
import type { ShellText } from './shell-text';
import { trayModel, type TrayIconName, type TrayItem } from './tray-menu';

/** The slices of Electron the tray uses, so a test can hand in doubles at the OS boundary. */
export interface TrayDeps {
  readonly Tray: new (image: NativeImage) => Pick<Tray, 'setImage' | 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'>;
  readonly Menu: Pick<typeof Menu, 'buildFromTemplate'>;
  readonly nativeImage: { createFromPath(path: string): NativeImage };
  readonly resourcesDir: string;
  /** The texts in the agent's language, read at every redraw so a language change shows at once. */
  readonly text: () => ShellText;
  readonly push: (command: HostCommandEvent) => void;
  readonly showWindow: () => void;
  readonly quit: () => void;
}

export function toMenuTemplate(items: readonly TrayItem[], deps: Pick<TrayDeps, 'push' | 'showWindow' | 'quit'>) {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'label':
        return { label: item.label, enabled: false };
      case 'separator':
        return { type: 'separator' };
      case 'command':
        return {
          label: item.label,
          enabled: item.enabled,
          ...(item.checked === undefined ? {} : { type: 'checkbox', checked: item.checked }),
          click: () => deps.push(item.command),
        };
      case 'submenu':
        return { label: item.label, enabled: item.enabled, submenu: toMenuTemplate(item.items, deps) };
      case 'show-window':
        return { label: item.label, click: () => deps.showWindow() };
      case 'quit':
        return { label: item.label, click: () => deps.quit() };
      default:
        throw missingCaseError(item);
    }
  });
}

/** The tray icon and menu, following the agent's state as the renderer reports it. */
export function createAgentTray(deps: TrayDeps) {
  // Electron picks `name@2x.png` beside `name.png` on high-DPI screens by itself.
  const image = (name: TrayIconName) => deps.nativeImage.createFromPath(join(deps.resourcesDir, 'tray', `${name}.png`));
  let status = INITIAL_AGENT_STATUS;
  const tray = new deps.Tray(image(trayModel(status, deps.text()).icon));
  tray.on('click', () => deps.showWindow());

  function render() {
    const model = trayModel(status, deps.text());
    tray.setImage(image(model.icon));
    tray.setToolTip(model.tooltip);
    tray.setContextMenu(deps.Menu.buildFromTemplate(toMenuTemplate(model.items, deps)));
  }
  render();

  return {
    update(next: AgentStatus) {
      status = next;
      render();
    },
    /** The agent chose another language: the same state, in new words. */
    refresh: render,
    destroy: () => tray.destroy(),
  };
}
