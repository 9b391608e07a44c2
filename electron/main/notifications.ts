import type { NotificationConstructorOptions } from 'electron';
import type { AgentStatus } from '../../shared/host-api/agent-status';
import type { Callback } from '../../shared/history';
import type { HostCommandEvent } from '../../shared/host-api/events';
import { fill, type ShellText } from './shell-text';

/** The part of Electron's Notification used here; a test double stands in at the OS boundary. */
export interface NotificationLike {
  show(): void;
  close(): void;
  on(event: 'click', listener: () => void): unknown;
  on(event: 'action', listener: (details: { actionIndex?: number } | undefined, legacyIndex?: number) => void): unknown;
}

export interface NotifierDeps {
  readonly Notification: { new (options: NotificationConstructorOptions): NotificationLike; isSupported(): boolean };
  readonly platform: NodeJS.Platform;
  readonly push: (command: HostCommandEvent) => void;
  readonly focusWindow: () => void;
  readonly icon?: string;
  /** The texts in the agent's language at the moment a notification is shown. */
  readonly text: () => ShellText;
}

interface Wanted {
  readonly key: string;
  readonly options: NotificationConstructorOptions;
  readonly callId?: string;
}

/** Notification buttons exist on macOS and Windows; elsewhere a click brings the window and its Answer button. */
const supportsActions = (platform: NodeJS.Platform) => platform === 'darwin' || platform === 'win32';

/** How many escalations to remember as announced: a shift's worth, so memory stays flat. */
const REMEMBERED = 50;
/** Callback reminders kept on screen at once; the oldest goes first (the home lists them all). */
const CALLBACKS_SHOWN = 5;
/** A callback's notes in its notification: the start of them, as the home's due list shows. */
const NOTES_SHOWN = 100;

const shorten = (text: string, max: number) =>
  Array.from(text).length > max ? `${Array.from(text).slice(0, max).join('')}…` : text;

/**
 * OS notifications from the reported status: one for a call ringing at the agent (Answer and
 * Decline where the OS has buttons), and one for an escalation handoff (who and why). The same
 * report arriving again changes nothing; a notification closes when its call stops ringing.
 * And one for each callback that comes due, when the page says so (`callbackDue`).
 * Browser mode raises its own Web Notifications from the renderer (browser-integration.ts,
 * callback-reminder.ts).
 */
export function createCallNotifier(deps: NotifierDeps) {
  const open = new Map<string, NotificationLike>();
  // Held like the call notifications, so its click still brings the window.
  let lastNotice: NotificationLike | undefined;
  /** Callback reminders on screen, by note id: a snoozed one coming due again replaces its own. */
  const callbacks = new Map<number, NotificationLike>();
  const announcedEscalations: string[] = [];
  const actions = supportsActions(deps.platform);

  function wanted(status: AgentStatus): Wanted[] {
    const list: Wanted[] = [];
    const t = deps.text();
    const call = status.agentState.kind === 'ringing' ? status.incomingCall : undefined;
    const escalation = status.escalation;
    if (call) {
      const caller = [call.callerName || t.unknownCaller, call.number && `(${call.number})`].filter(Boolean).join(' ');
      const handoff = escalation?.callId === call.callId ? escalation : undefined;
      list.push({
        key: `ring:${call.callId}`,
        callId: call.callId,
        options: {
          title: handoff
            ? fill(t.escalationFrom, { from: handoff.from })
            : call.queue
              ? fill(t.incomingCallInQueue, { queue: call.queue })
              : t.incomingCall,
          body: handoff ? `${handoff.reason}\n${caller}${call.queue ? ` · ${call.queue}` : ''}` : caller,
          silent: true, // the renderer rings; two ringtones would be one too many
          urgency: 'critical',
          timeoutType: 'never',
          ...(deps.icon ? { icon: deps.icon } : {}),
          ...(actions
            ? {
                actions: [
                  { type: 'button', text: t.answer },
                  { type: 'button', text: t.decline },
                ],
              }
            : {}),
        },
      });
      if (handoff) remember(handoff.callId);
    } else if (escalation && (open.has(`escalation:${escalation.callId}`) || !announcedEscalations.includes(escalation.callId))) {
      list.push({
        key: `escalation:${escalation.callId}`,
        options: {
          title: fill(t.escalationFrom, { from: escalation.from }),
          body: escalation.reason,
          ...(deps.icon ? { icon: deps.icon } : {}),
        },
      });
    }
    return list;
  }

  function remember(callId: string) {
    if (announcedEscalations.includes(callId)) return;
    announcedEscalations.push(callId);
    if (announcedEscalations.length > REMEMBERED) announcedEscalations.shift();
  }

  function show({ key, options, callId }: Wanted) {
    const notification = new deps.Notification(options);
    notification.on('click', () => deps.focusWindow());
    if (callId !== undefined) {
      notification.on('action', (details, legacyIndex) => {
        const index = details?.actionIndex ?? legacyIndex;
        if (index === 0) deps.push({ type: 'command', command: 'answer', callId });
        if (index === 1) deps.push({ type: 'command', command: 'decline', callId });
        if (index === 0) deps.focusWindow();
      });
    }
    // Held in `open` until its call is over: an unreferenced Notification can be collected, and its buttons go dead.
    open.set(key, notification);
    notification.show();
    if (key.startsWith('escalation:') && callId === undefined) remember(key.slice('escalation:'.length));
  }

  return {
    update(status: AgentStatus): void {
      if (!deps.Notification.isSupported()) return;
      const next = wanted(status);
      for (const [key, notification] of open) {
        if (!next.some((w) => w.key === key)) {
          // An escalation stays on screen until the agent dismisses it; a ringing call's goes when it stops ringing.
          if (key.startsWith('ring:')) notification.close();
          open.delete(key);
        }
      }
      for (const w of next) if (!open.has(w.key)) show(w);
    },
    /** A one-off word from the shell, not about a call; a click brings the window. */
    notice(title: string, body: string): void {
      if (!deps.Notification.isSupported()) return;
      lastNotice = new deps.Notification({ title, body, ...(deps.icon ? { icon: deps.icon } : {}) });
      lastNotice.on('click', () => deps.focusWindow());
      lastNotice.show();
    },
    /**
     * A callback promised in wrap-up came due (the page asks; issue 15): who and the start of the
     * notes, as plain text (the OS shows no markup); a click brings the window and its due list.
     */
    callbackDue(callback: Callback): void {
      if (!deps.Notification.isSupported()) return;
      const who = callback.name || callback.number || '';
      const notes = shorten(callback.notes.replace(/\s+/g, ' ').trim(), NOTES_SHOWN);
      callbacks.get(callback.noteId)?.close();
      callbacks.delete(callback.noteId);
      const notification = new deps.Notification({
        title: deps.text().callbackDue,
        body: [shorten(who, NOTES_SHOWN), notes].filter(Boolean).join(' · '),
        ...(deps.icon ? { icon: deps.icon } : {}),
      });
      notification.on('click', () => deps.focusWindow());
      callbacks.set(callback.noteId, notification);
      if (callbacks.size > CALLBACKS_SHOWN) {
        const [oldest] = callbacks.keys();
        if (oldest !== undefined) callbacks.get(oldest)?.close();
        if (oldest !== undefined) callbacks.delete(oldest);
      }
      notification.show();
    },
    closeAll(): void {
      for (const notification of open.values()) notification.close();
      open.clear();
      for (const notification of callbacks.values()) notification.close();
      callbacks.clear();
      lastNotice?.close();
      lastNotice = undefined;
    },
  };
}

export type CallNotifier = ReturnType<typeof createCallNotifier>;
