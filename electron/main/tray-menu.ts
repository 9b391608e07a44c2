import { BREAK_REASONS } from '../../shared/agent/agent-state';
import type { AgentStatus } from '../../shared/host-api/agent-status';
import type { HostCommandEvent } from '../../shared/host-api/events';
import { missingCaseError } from '../../shared/result';
import { fill, type ShellText } from './shell-text';

/** One icon per colour the agent needs to tell apart at a glance; files in resources/tray/. */
export type TrayIconName = 'available' | 'busy' | 'wrap-up' | 'break' | 'offline';

export type TrayItem =
  | { readonly kind: 'label'; readonly label: string }
  | { readonly kind: 'separator' }
  | {
      readonly kind: 'command';
      readonly label: string;
      readonly command: HostCommandEvent;
      readonly checked?: boolean;
      readonly enabled: boolean;
    }
  | { readonly kind: 'submenu'; readonly label: string; readonly enabled: boolean; readonly items: readonly TrayItem[] }
  | { readonly kind: 'show-window'; readonly label: string }
  | { readonly kind: 'quit'; readonly label: string };

export interface TrayModel {
  readonly icon: TrayIconName;
  readonly tooltip: string;
  readonly items: readonly TrayItem[];
}

type StateKind = AgentStatus['agentState']['kind'];

function describe(status: AgentStatus, t: ShellText): { text: string; icon: TrayIconName } {
  const { kind, breakReason } = status.agentState;
  switch (kind) {
    case 'offline':
      return { text: t.offline, icon: 'offline' };
    case 'available':
      return { text: t.available, icon: 'available' };
    case 'ringing':
      return { text: t.ringing, icon: 'busy' };
    case 'on-call':
      return { text: t.onCall, icon: 'busy' };
    case 'consulting':
      return { text: t.consulting, icon: 'busy' };
    case 'wrap-up':
      return { text: t.wrapUp, icon: 'wrap-up' };
    case 'break':
      return {
        text: breakReason ? fill(t.onBreakFor, { reason: t.breakReasons[breakReason] }) : t.onBreak,
        icon: 'break',
      };
    default:
      throw missingCaseError(kind);
  }
}

/** The agent may change presence from the tray only when no call is in progress (ringing, talking, wrapping up). */
const canChangePresence = (kind: StateKind) => kind === 'offline' || kind === 'available' || kind === 'break';

function callItems(status: AgentStatus, t: ShellText): TrayItem[] {
  const { kind } = status.agentState;
  const call = status.incomingCall;
  if (kind === 'ringing') {
    const callId = call ? { callId: call.callId } : {};
    return [
      ...(call
        ? [{ kind: 'label' as const, label: `${call.callerName || call.number || t.unknownCaller} · ${call.queue}` }]
        : []),
      { kind: 'command', label: t.answer, command: { type: 'command', command: 'answer', ...callId }, enabled: true },
      { kind: 'command', label: t.decline, command: { type: 'command', command: 'decline', ...callId }, enabled: true },
      { kind: 'separator' },
    ];
  }
  if (kind === 'on-call' || kind === 'consulting') {
    return [
      { kind: 'command', label: t.hangUp, command: { type: 'command', command: 'hangup' }, enabled: true },
      { kind: 'command', label: t.muteToggle, command: { type: 'command', command: 'mute' }, enabled: true },
      { kind: 'command', label: t.holdToggle, command: { type: 'command', command: 'hold' }, enabled: true },
      { kind: 'command', label: t.escalate, command: { type: 'command', command: 'escalate' }, enabled: kind === 'on-call' },
      { kind: 'separator' },
    ];
  }
  return [];
}

/** The tray, from the latest reported status: a pure function, so every state's menu is tested without Electron. */
export function trayModel(status: AgentStatus, t: ShellText): TrayModel {
  const { text, icon } = describe(status, t);
  const { kind, breakReason } = status.agentState;
  const presence = canChangePresence(kind);
  const caller = kind === 'ringing' ? status.incomingCall?.callerName || status.incomingCall?.number : undefined;
  const ringing = caller ? ` (${caller})` : '';
  return {
    icon,
    // The product name is not translated; the state after it is.
    tooltip: `Warmline: ${text}${ringing}`,
    items: [
      { kind: 'label', label: fill(t.status, { state: text }) },
      { kind: 'separator' },
      ...callItems(status, t),
      {
        kind: 'command',
        label: t.goAvailable,
        command: { type: 'command', command: 'go-available' },
        checked: kind === 'available',
        enabled: presence && kind !== 'available',
      },
      {
        kind: 'submenu',
        label: t.takeBreak,
        enabled: presence,
        items: BREAK_REASONS.map((reason) => ({
          kind: 'command' as const,
          label: t.breakReasons[reason],
          command: { type: 'command' as const, command: 'go-break' as const, reason },
          checked: kind === 'break' && breakReason === reason,
          enabled: presence && !(kind === 'break' && breakReason === reason),
        })),
      },
      {
        kind: 'command',
        label: t.goOffline,
        command: { type: 'command', command: 'go-offline' },
        checked: kind === 'offline',
        enabled: presence && kind !== 'offline',
      },
      { kind: 'separator' },
      { kind: 'show-window', label: t.showWindow },
      { kind: 'quit', label: t.quit },
    ],
  };
}
