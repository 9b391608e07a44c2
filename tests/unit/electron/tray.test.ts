import type { MenuItemConstructorOptions, NativeImage } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createAgentTray, toMenuTemplate } from '../../../electron/main/tray';
import { SHELL_TEXT, type ShellText } from '../../../electron/main/shell-text';
import { trayModel, type TrayItem } from '../../../electron/main/tray-menu';
import { agentStatusSchema, type AgentStatusInput } from '../../../shared/host-api/agent-status';

const model = (input: AgentStatusInput, text: ShellText = SHELL_TEXT.en) => trayModel(agentStatusSchema.parse(input), text);

function find(items: readonly TrayItem[], label: string): TrayItem | undefined {
  for (const item of items) {
    if ('label' in item && item.label === label) return item;
    if (item.kind === 'submenu') {
      const inner = find(item.items, label);
      if (inner) return inner;
    }
  }
  return undefined;
}
const enabled = (items: readonly TrayItem[], label: string) => {
  const item = find(items, label);
  return item && 'enabled' in item ? item.enabled : undefined;
};

describe('tray menu (pure, from the reported status)', () => {
  it('shows an available agent in green, offering a break or going offline', () => {
    const m = model({ agentState: { kind: 'available' } });
    expect(m.icon).toBe('available');
    expect(m.tooltip).toBe('Warmline: Available');
    expect(m.items[0]).toEqual({ kind: 'label', label: 'Status: Available' });
    expect(find(m.items, 'Available')).toMatchObject({ checked: true, enabled: false });
    expect(find(m.items, 'Lunch')).toMatchObject({
      enabled: true,
      command: { type: 'command', command: 'go-break', reason: 'lunch' },
    });
    expect(find(m.items, 'Offline')).toMatchObject({ enabled: true, command: { command: 'go-offline' } });
    expect(find(m.items, 'Answer')).toBeUndefined();
  });

  it('shows the break reason, ticks it, and offers the other reasons and Available', () => {
    const m = model({ agentState: { kind: 'break', breakReason: 'training' } });
    expect(m.icon).toBe('break');
    expect(m.tooltip).toBe('Warmline: On break: Training');
    expect(find(m.items, 'Training')).toMatchObject({ checked: true, enabled: false });
    expect(find(m.items, 'Meeting')).toMatchObject({ checked: false, enabled: true });
    expect(enabled(m.items, 'Available')).toBe(true);
    expect(model({ agentState: { kind: 'break', breakReason: 'missed-call' } }).tooltip).toContain('Missed call');
  });

  it('while ringing, names the caller and offers Answer and Decline for that call, but no presence change', () => {
    const m = model({
      agentState: { kind: 'ringing' },
      incomingCall: { callId: 'c-42', callerName: 'Ana Lima', number: '+4712345678', queue: 'Billing' },
    });
    expect(m.icon).toBe('busy');
    expect(m.tooltip).toBe('Warmline: Ringing (Ana Lima)');
    expect(find(m.items, 'Ana Lima · Billing')).toEqual({ kind: 'label', label: 'Ana Lima · Billing' });
    expect(find(m.items, 'Answer')).toMatchObject({ command: { command: 'answer', callId: 'c-42' } });
    expect(find(m.items, 'Decline')).toMatchObject({ command: { command: 'decline', callId: 'c-42' } });
    expect(enabled(m.items, 'Available')).toBe(false);
    expect(enabled(m.items, 'Break')).toBe(false);
    expect(enabled(m.items, 'Offline')).toBe(false);
  });

  it('on a call offers hang up, mute, hold and escalate; while consulting, no second escalation', () => {
    const onCall = model({ agentState: { kind: 'on-call' } });
    for (const label of ['Hang up', 'Mute or unmute', 'Hold or resume', 'Escalate…'])
      expect(enabled(onCall.items, label)).toBe(true);
    expect(enabled(model({ agentState: { kind: 'consulting' } }).items, 'Escalate…')).toBe(false);
    expect(model({ agentState: { kind: 'wrap-up' } }).icon).toBe('wrap-up');
    expect(model({ agentState: { kind: 'offline' } })).toMatchObject({ icon: 'offline', tooltip: 'Warmline: Offline' });
  });

  it('speaks the agent’s language: state, break reasons, call actions, Show and Quit', () => {
    const m = model({ agentState: { kind: 'break', breakReason: 'lunch' } }, SHELL_TEXT.nb);
    expect(m.tooltip).toBe('Warmline: Pause: Lunsj');
    expect(m.items[0]).toEqual({ kind: 'label', label: 'Status: Pause: Lunsj' });
    expect(find(m.items, 'Lunsj')).toMatchObject({ checked: true, command: { reason: 'lunch' } });
    expect(find(m.items, 'Ledig')).toMatchObject({ enabled: true, command: { command: 'go-available' } });
    expect(m.items.slice(-2)).toEqual([
      { kind: 'show-window', label: 'Vis Warmline' },
      { kind: 'quit', label: 'Avslutt Warmline' },
    ]);
    const ringing = model(
      { agentState: { kind: 'ringing' }, incomingCall: { callId: 'c-1', callerName: '', number: '', queue: 'Support' } },
      SHELL_TEXT.tl,
    );
    expect(ringing.tooltip).toBe('Warmline: Tumutunog');
    expect(find(ringing.items, 'Hindi kilalang tumatawag · Support')).toBeDefined();
    expect(find(ringing.items, 'Sagutin')).toMatchObject({ command: { command: 'answer', callId: 'c-1' } });
    const onCall = model({ agentState: { kind: 'on-call' } }, SHELL_TEXT.da);
    for (const label of ['Læg på', 'Slå mikrofon fra eller til', 'Parkér eller genoptag', 'Eskalér…'])
      expect(enabled(onCall.items, label), label).toBe(true);
  });
});

describe('tray (Electron objects doubled)', () => {
  function setUp(text: () => ShellText = () => SHELL_TEXT.en) {
    const trays: FakeTray[] = [];
    class FakeTray {
      image: unknown;
      tooltip = '';
      menu: MenuItemConstructorOptions[] = [];
      listeners = new Map<string, () => void>();
      destroyed = false;
      constructor(image: unknown) {
        this.image = image;
        trays.push(this);
      }
      setImage(image: unknown) {
        this.image = image;
      }
      setToolTip(tooltip: string) {
        this.tooltip = tooltip;
      }
      setContextMenu(menu: MenuItemConstructorOptions[]) {
        this.menu = menu;
      }
      on(event: string, fn: () => void) {
        this.listeners.set(event, fn);
        return this;
      }
      destroy() {
        this.destroyed = true;
      }
    }
    const push = vi.fn();
    const showWindow = vi.fn();
    const quit = vi.fn();
    const tray = createAgentTray({
      Tray: FakeTray as never,
      Menu: { buildFromTemplate: (t: MenuItemConstructorOptions[]) => t as never },
      nativeImage: { createFromPath: (path: string) => path as unknown as NativeImage },
      resourcesDir: '/app/resources',
      text,
      push,
      showWindow,
      quit,
    });
    return { tray, fake: trays[0]!, push, showWindow, quit };
  }
  const item = (menu: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined =>
    menu.flatMap((i) => [i, ...((i.submenu as MenuItemConstructorOptions[] | undefined) ?? [])]).find((i) => i.label === label);

  it('starts offline, then follows each reported status', () => {
    const { tray, fake } = setUp();
    expect(fake.image).toBe('/app/resources/tray/offline.png');
    expect(fake.tooltip).toBe('Warmline: Offline');
    tray.update(agentStatusSchema.parse({ agentState: { kind: 'available' } }));
    expect(fake.image).toBe('/app/resources/tray/available.png');
    expect(item(fake.menu, 'Available')).toMatchObject({ type: 'checkbox', checked: true, enabled: false });
  });

  it('turns menu clicks into command events; the icon click and "Show" bring the window; Quit quits', () => {
    const { tray, fake, push, showWindow, quit } = setUp();
    tray.update(agentStatusSchema.parse({ agentState: { kind: 'available' } }));
    item(fake.menu, 'Lunch')?.click?.({} as never, undefined, {} as never);
    expect(push).toHaveBeenCalledWith({ type: 'command', command: 'go-break', reason: 'lunch' });
    item(fake.menu, 'Show Warmline')?.click?.({} as never, undefined, {} as never);
    fake.listeners.get('click')?.();
    expect(showWindow).toHaveBeenCalledTimes(2);
    item(fake.menu, 'Quit Warmline')?.click?.({} as never, undefined, {} as never);
    expect(quit).toHaveBeenCalled();
    tray.destroy();
    expect(fake.destroyed).toBe(true);
  });

  it('redraws the same state in the new language when the agent changes it', () => {
    let text = SHELL_TEXT.en;
    const { tray, fake } = setUp(() => text);
    tray.update(agentStatusSchema.parse({ agentState: { kind: 'wrap-up' } }));
    expect(fake.tooltip).toBe('Warmline: Wrap-up');
    text = SHELL_TEXT.nl;
    tray.refresh();
    expect(fake.tooltip).toBe('Warmline: Nawerk');
    expect(item(fake.menu, 'Warmline afsluiten')).toBeDefined();
    expect(item(fake.menu, 'Quit Warmline')).toBeUndefined();
  });

  it('renders labels as disabled items and separators as separators', () => {
    expect(
      toMenuTemplate([{ kind: 'label', label: 'x' }, { kind: 'separator' }], { push() {}, showWindow() {}, quit() {} }),
    ).toEqual([{ label: 'x', enabled: false }, { type: 'separator' }]);
  });
});
