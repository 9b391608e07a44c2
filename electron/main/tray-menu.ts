import { BREAK_REASONS, type BreakReason } from '../../shared/agent/agent-state';
import type { AgentStatus } from '../../shared/host-api/agent-status';
import type { HostCommandEvent } from '../../shared/host-api/events';
import { missingCaseError } from '../../shared/result';

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
  | { readonly kind: 'show-window' }
  | { readonly kind: 'quit' };

export interface TrayModel {
  readonly icon: TrayIconName;
  readonly tooltip: string;
  readonly items: readonly TrayItem[];
}

// English for now: the tray follows the app's language once the main process has translations.
export const BREAK_LABELS: Readonly<Record<BreakReason | 'missed-call', string>> = {
  short: 'Short break',
  lunch: 'Lunch',
  training: 'Training',
  meeting: 'Meeting',
  technical: 'Technical problem',
  other: 'Other',
  'missed-call': 'Missed call',
};

type StateKind = AgentStatus['agentState']['kind'];

function describe(status: AgentStatus): { text: string; icon: TrayIconName } {
  const { kind, breakReason } = status.agentState;
  switch (kind) {
    case 'offline':
      return { text: 'Offline', icon: 'offline' };
    case 'available':
      return { text: 'Available', icon: 'available' };
    case 'ringing':
      return { text: 'Ringing', icon: 'busy' };
    case 'on-call':
      return { text: 'On a call', icon: 'busy' };
    case 'consulting':
      return { text: 'Consulting', icon: 'busy' };
    case 'wrap-up':
      return { text: 'Wrap-up', icon: 'wrap-up' };
    case 'break':
      return { text: breakReason ? `On break: ${BREAK_LABELS[breakReason]}` : 'On break', icon: 'break' };
    default:
      throw missingCaseError(kind);
  }
}

/** The agent may change presence from the tray only when no call is in progress (ringing, talking, wrapping up). */
const canChangePresence = (kind: StateKind) => kind === 'offline' || kind === 'available' || kind === 'break';

function callItems(status: AgentStatus): TrayItem[] {
  const { kind } = status.agentState;
  const call = status.incomingCall;
  if (kind === 'ringing') {
    const callId = call ? { callId: call.callId } : {};
    return [
      ...(call
        ? [{ kind: 'label' as const, label: `${call.callerName || call.number || 'Unknown caller'} · ${call.queue}` }]
        : []),
      { kind: 'command', label: 'Answer', command: { type: 'command', command: 'answer', ...callId }, enabled: true },
      { kind: 'command', label: 'Decline', command: { type: 'command', command: 'decline', ...callId }, enabled: true },
      { kind: 'separator' },
    ];
  }
  if (kind === 'on-call' || kind === 'consulting') {
    return [
      { kind: 'command', label: 'Hang up', command: { type: 'command', command: 'hangup' }, enabled: true },
      { kind: 'command', label: 'Mute or unmute', command: { type: 'command', command: 'mute' }, enabled: true },
      { kind: 'command', label: 'Hold or resume', command: { type: 'command', command: 'hold' }, enabled: true },
      { kind: 'command', label: 'Escalate…', command: { type: 'command', command: 'escalate' }, enabled: kind === 'on-call' },
      { kind: 'separator' },
    ];
  }
  return [];
}

/** The tray, from the latest reported status: a pure function, so every state's menu is tested without Electron. */
export function trayModel(status: AgentStatus): TrayModel {
  const { text, icon } = describe(status);
  const { kind, breakReason } = status.agentState;
  const presence = canChangePresence(kind);
  const ringing =
    kind === 'ringing' && status.incomingCall ? ` (${status.incomingCall.callerName || status.incomingCall.number})` : '';
  return {
    icon,
    tooltip: `Warmline: ${text}${ringing}`,
    items: [
      { kind: 'label', label: `Status: ${text}` },
      { kind: 'separator' },
      ...callItems(status),
      {
        kind: 'command',
        label: 'Available',
        command: { type: 'command', command: 'go-available' },
        checked: kind === 'available',
        enabled: presence && kind !== 'available',
      },
      {
        kind: 'submenu',
        label: 'Break',
        enabled: presence,
        items: BREAK_REASONS.map((reason) => ({
          kind: 'command' as const,
          label: BREAK_LABELS[reason],
          command: { type: 'command' as const, command: 'go-break' as const, reason },
          checked: kind === 'break' && breakReason === reason,
          enabled: presence && !(kind === 'break' && breakReason === reason),
        })),
      },
      {
        kind: 'command',
        label: 'Offline',
        command: { type: 'command', command: 'go-offline' },
        checked: kind === 'offline',
        enabled: presence && kind !== 'offline',
      },
      { kind: 'separator' },
      { kind: 'show-window' },
      { kind: 'quit' },
    ],
  };
}
