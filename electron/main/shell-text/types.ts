import type { BreakReason } from '../../../shared/agent/agent-state';

/**
 * Every text the desktop shell shows outside the window (tray, OS notifications), in one
 * language. `{name}` marks a value filled in by `fill`; the type makes a missing key in any
 * language a compile error, the test catches empty or untranslated ones.
 */
export interface ShellText {
  readonly offline: string;
  readonly available: string;
  readonly ringing: string;
  readonly onCall: string;
  readonly consulting: string;
  readonly wrapUp: string;
  readonly onBreak: string;
  /** {reason} */
  readonly onBreakFor: string;
  readonly breakReasons: Readonly<Record<BreakReason | 'missed-call', string>>;
  /** {state} */
  readonly status: string;
  readonly goAvailable: string;
  readonly takeBreak: string;
  readonly goOffline: string;
  readonly answer: string;
  readonly decline: string;
  readonly hangUp: string;
  readonly muteToggle: string;
  readonly holdToggle: string;
  readonly escalate: string;
  readonly showWindow: string;
  readonly quit: string;
  readonly unknownCaller: string;
  readonly incomingCall: string;
  /** {queue} */
  readonly incomingCallInQueue: string;
  /** {from} */
  readonly escalationFrom: string;
  /** A callback promised in wrap-up came due (its customer and notes are the body). */
  readonly callbackDue: string;
  /** Shown once when closing the window hid it to the tray. */
  readonly stillRunningTitle: string;
  /** {quit}: the tray menu's Quit label */
  readonly stillRunningBody: string;
}
