import { z } from 'zod/mini';
import type { HostError, Result } from '../result';
import { agentStatusSchema, errorReportSchema } from './agent-status';
import { shortcutsPatchSchema, shortcutsViewSchema } from './shortcuts';
import { settingsPatchSchema, settingsViewSchema } from '../settings';
import {
  addCustomerNoteSchema,
  agentStatsArgsSchema,
  agentStatsSchema,
  callRecordSchema,
  callbackSchema,
  CALLBACK_LIMITS,
  closeFollowUpSchema,
  snoozeFollowUpSchema,
  callNotesSchema,
  dismissCallNotesSchema,
  interruptedCallNotesSchema,
  customerKeySchema,
  customerNoteSchema,
  customerViewSchema,
  escalationRecordSchema,
  finishWrapUpSchema,
  historyFilterSchema,
  historyItemSchema,
  historyPageSchema,
  listHistorySchema,
  openWrapUpSchema,
  wrapUpDraftSchema,
} from '../history';
import type { HostMethod } from './channels';
import {
  appendRecordingSchema,
  deleteCallSchema,
  finishRecordingSchema,
  readRecordingSchema,
  recordingPageSchema,
  recordingProgressSchema,
  recordingStartedSchema,
  startRecordingSchema,
} from '../recording/recording';
import { labCallMeArgsSchema, labCallPlacedSchema, labInfoSchema } from './lab';

export const PASSWORD_STORAGE = ['encrypted', 'memory', 'memory-no-keyring'] as const;
export type PasswordStorage = (typeof PASSWORD_STORAGE)[number];

export const appInfoSchema = z.strictObject({
  name: z.string(),
  version: z.string(),
  /** Which host serves the renderer: the Electron shell or the browser-mode web host. */
  host: z.enum(['electron', 'browser']),
  dataDir: z.string(),
  /**
   * Where the SIP password and team key are kept: encrypted at rest, or in memory only (browser
   * mode without WARMLINE_SECRET_KEY; the desktop app on Linux without a keyring, where the OS
   * would encrypt with a publicly known key — Settings tells the agent).
   */
  passwordStorage: z.enum(PASSWORD_STORAGE),
});
export type AppInfo = Readonly<z.infer<typeof appInfoSchema>>;

/**
 * Everything the renderer needs before its first render, in one round trip (issue 19: four serial
 * calls kept the SIP socket closed for about a second): the settings (with the UI language), a
 * wrap-up left open when the app stopped, and the SIP password (empty when none is stored).
 */
export const bootstrapSchema = z.strictObject({
  settings: settingsViewSchema,
  openWrapUp: z.nullable(openWrapUpSchema),
  sipPassword: z.string(),
});
export type Bootstrap = Readonly<z.infer<typeof bootstrapSchema>>;

interface MethodSpec {
  readonly args: z.ZodMiniTuple;
  readonly result: z.ZodMiniType;
}

/** One definition of every HostApi method: both transports and both sides compile against it. */
export const hostApiContract = {
  getAppInfo: { args: z.tuple([]), result: appInfoSchema },
  /** Settings, open wrap-up and SIP password at once: what the renderer reads at start. */
  bootstrap: { args: z.tuple([]), result: bootstrapSchema },
  getSettings: { args: z.tuple([]), result: settingsViewSchema },
  saveSettings: { args: z.tuple([settingsPatchSchema]), result: settingsViewSchema },
  /**
   * The phone runs in the renderer and must answer digest challenges itself; empty when none is
   * stored. Unavoidable (issue 17): JsSIP computes RFC 2617 digests synchronously inside its
   * authenticator, from `password` or from `ha1` for a realm known in advance; the realm comes
   * only with the server's first challenge, and the server may re-challenge any request at any
   * time (REGISTER refreshes, INVITE, REFER), so the host cannot answer for it. The renderer asks
   * for it at sign-in only and hands it to JsSIP; in browser mode only a page holding this start's
   * HostApi token can ask (electron/web-host/host-token.ts), in Electron only the app's own window.
   */
  getSipPassword: { args: z.tuple([]), result: z.string() },
  /** The team's shared key that signs and verifies escalation contexts (HMAC-SHA256); empty when none is set. */
  getTeamKey: { args: z.tuple([]), result: z.string() },
  /** The agent's state and the call at hand, for the tray, OS notifications and shortcuts; latest report wins. */
  reportAgentStatus: { args: z.tuple([agentStatusSchema]), result: z.null() },
  /** A renderer error for the log file (redacted and size-capped there). */
  logError: { args: z.tuple([errorReportSchema]), result: z.null() },
  /** Global shortcuts for the call controls, and whether each one could be registered with the OS. */
  getShortcuts: { args: z.tuple([]), result: shortcutsViewSchema },
  saveShortcuts: { args: z.tuple([shortcutsPatchSchema]), result: shortcutsViewSchema },
  /**
   * A call that ended, from the shared call model (`callRecordFromEndedCall`). Idempotent by call id:
   * sent again later it replaces the call's facts and keeps its wrap-up. Returns the stored item.
   */
  recordCall: { args: z.tuple([callRecordSchema]), result: historyItemSchema },
  /** An escalation sent or received on a call already recorded (not-found otherwise). Idempotent by id. */
  recordEscalation: { args: z.tuple([escalationRecordSchema]), result: z.null() },
  /** One page of history, newest first; full-text `query` over notes, names and any part of a number. */
  listHistory: { args: z.tuple([listHistorySchema]), result: historyPageSchema },
  /** The filtered history as CSV (UTF-8 with BOM, RFC 4180, formula-safe), newest first, at most 100,000 calls. */
  exportHistoryCsv: { args: z.tuple([historyFilterSchema]), result: z.string() },
  /** The agent's own figures for a period [from, to). */
  agentStats: { args: z.tuple([agentStatsArgsSchema]), result: agentStatsSchema },
  /** The wrap-up form as it stands, on every change; the call must be recorded first (not-found otherwise). */
  saveWrapUpDraft: { args: z.tuple([wrapUpDraftSchema]), result: z.null() },
  /** A wrap-up left unfinished (the app restarted mid-ACW): the form and its deadline; null when none. */
  getOpenWrapUp: { args: z.tuple([]), result: z.nullable(openWrapUpSchema) },
  /** Ends wrap-up: disposition, notes and ACW time onto the call, the draft dropped, a follow-up recorded. */
  finishWrapUp: { args: z.tuple([finishWrapUpSchema]), result: historyItemSchema },
  /** The screen pop for a caller: name, last calls with dispositions and notes, notes, open follow-ups. */
  getCustomer: { args: z.tuple([customerKeySchema]), result: customerViewSchema },
  addCustomerNote: { args: z.tuple([addCustomerNoteSchema]), result: customerNoteSchema },
  /** The callback a follow-up asked for was made. */
  closeFollowUp: { args: z.tuple([closeFollowUpSchema]), result: z.null() },
  /** Every open callback (follow-up), by when it is due: the agent's home reminds of those due. */
  listCallbacks: { args: z.tuple([]), result: z.array(callbackSchema).check(z.maxLength(CALLBACK_LIMITS.listed)) },
  /** Remind of a callback again at `until` (persisted); its promised time stays. */
  snoozeFollowUp: { args: z.tuple([snoozeFollowUpSchema]), result: z.null() },
  /**
   * A callback came due: the desktop shell shows an OS notification (Electron gives its window's
   * page no Web Notifications). Browser mode's page shows its own; there this does nothing.
   */
  remindOfCallback: { args: z.tuple([callbackSchema]), result: z.null() },
  /** Notes typed during a live call, on every change (empty removes them); its wrap-up draft takes them over. */
  saveCallNotes: { args: z.tuple([callNotesSchema]), result: z.null() },
  /** Notes of calls that ended without a wrap-up (a crash during the call), oldest first, at most 50. */
  listInterruptedCallNotes: { args: z.tuple([]), result: z.array(interruptedCallNotesSchema).check(z.maxLength(50)) },
  /** The agent has read (or copied) the notes of an interrupted call: they are removed. */
  dismissCallNotes: { args: z.tuple([dismissCallNotesSchema]), result: z.null() },
  /** Removes a call from the history, with its escalations, wrap-up and recording (not-found when there is none). */
  deleteCall: { args: z.tuple([deleteCallSchema]), result: z.null() },
  /**
   * Opens the recording of a live call (forbidden when recording is off in Settings, or the call
   * has one): the host makes the file and names it; the renderer holds only the id.
   */
  startRecording: { args: z.tuple([startRecordingSchema]), result: recordingStartedSchema },
  /** The next chunk of encoded audio at `offset` (the bytes sent before); past the per-call cap nothing more is kept. */
  appendRecording: { args: z.tuple([appendRecordingSchema]), result: recordingProgressSchema },
  /** The call ended: the recording is closed (dropped when it holds no audio). */
  finishRecording: { args: z.tuple([finishRecordingSchema]), result: z.null() },
  /** A page of a call's recording for the History player, from `offset`. */
  readRecording: { args: z.tuple([readRecordingSchema]), result: recordingPageSchema },
  /** Who the app is on the embedded lab as, and what to try; null when not on the lab. */
  getLabInfo: { args: z.tuple([]), result: z.nullable(labInfoSchema) },
  /** Asks the lab for a simulated customer call (a recorded complaint in `language`) to the agent's queue. */
  labCallMe: { args: z.tuple([labCallMeArgsSchema]), result: labCallPlacedSchema },
} as const satisfies Record<HostMethod, MethodSpec>;

type Contract = typeof hostApiContract;
export type HostArgs<M extends HostMethod> = z.input<Contract[M]['args']>;
export type HostValue<M extends HostMethod> = z.output<Contract[M]['result']>;

/** What the renderer calls. Every method resolves; failures come back as `{ ok: false }`. */
export type HostApi = {
  readonly [M in HostMethod]: (...args: HostArgs<M>) => Promise<Result<HostValue<M>>>;
};

/** What a host implements: already-validated arguments in, a value out (or a thrown HostServiceError). */
export type HostHandlers = {
  readonly [M in HostMethod]: (...args: z.output<Contract[M]['args']>) => HostValue<M> | Promise<HostValue<M>>;
};

/** A failure a handler means to report to the renderer as it is (anything else becomes `internal`). */
export class HostServiceError extends Error {
  constructor(readonly hostError: HostError) {
    super(hostError.message);
    this.name = 'HostServiceError';
  }
}

/**
 * Issue paths are made relative to the argument (`displayName`, not `0.displayName`): every
 * method so far takes at most one structured argument, and the UI maps paths to its fields.
 */
export function toValidationError(error: z.core.$ZodError, argumentList = false): HostError {
  const issues = error.issues.map((issue) => ({
    path: (argumentList && typeof issue.path[0] === 'number' ? issue.path.slice(1) : issue.path).map(String).join('.'),
    message: issue.message,
  }));
  return {
    code: 'invalid-input',
    message: issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '),
    issues,
  };
}

export function parseHostArgs<M extends HostMethod>(method: M, raw: unknown): Result<z.output<Contract[M]['args']>> {
  const parsed = hostApiContract[method].args.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data as z.output<Contract[M]['args']> };
  return { ok: false, error: toValidationError(parsed.error, true) };
}
