import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  HostServiceError,
  type AgentStatus,
  type AppInfo,
  type ErrorReport,
  type HostHandlers,
  type LabCallPlaced,
  type LabInfo,
} from '../../../shared/host-api';
import type { Callback } from '../../../shared/history';
import type { Locale } from '../../../shared/locales';
import { createDbCredentialStore, createMemoryCredentialStore, type SecretCodec } from '../credentials/credential-store';
import { createSettingsService } from '../settings/settings-service';
import { createSettingsStore } from '../settings/settings-store';
import { createCustomerService } from '../customers/customer-service';
import { createCustomerStore } from '../customers/customer-store';
import { createHistoryReader } from '../history/history-reader';
import { createHistoryService } from '../history/history-service';
import { createHistoryWriter } from '../history/history-writer';
import { createWrapUpService } from '../wrap-up/wrap-up-service';
import { createWrapUpStore } from '../wrap-up/wrap-up-store';
import { createCallNotesStore } from '../call-notes/call-notes-store';
import { createShortcutsService, type GlobalShortcutRegistrar } from '../shortcuts/shortcuts-service';
import { openDatabase, type WarmlineDatabase } from '../storage/database';
import { createRecordingService, RECORDINGS_FOLDER } from '../recordings/recording-service';
import { createRecordingStore } from '../recordings/recording-store';
import { createDispatcher, type Dispatch } from './dispatcher';

export interface HostServicesOptions {
  readonly dataDir: string;
  readonly host: AppInfo['host'];
  readonly version: string;
  /** How secrets are encrypted at rest; without one they are kept in memory only. */
  readonly secretCodec?: SecretCodec;
  /** No codec because the OS has no keyring (Linux `basic_text`): Settings says why. */
  readonly withoutKeyring?: boolean;
  readonly now?: () => number;
  readonly log?: { warn(message: string): void; error(message: string, error: unknown): void };
  /** The shell's tray, notifications and shortcuts follow the agent; browser mode has none. */
  readonly onAgentStatus?: (status: AgentStatus) => void;
  /** The shell's OS notification for a callback come due; browser mode's page shows its own. */
  readonly onCallbackDue?: (callback: Callback) => void;
  /** Where renderer errors go: the rotating log file; by default `log.error`. */
  readonly onRendererError?: (report: ErrorReport) => void;
  /** Registers call shortcuts system-wide (Electron's globalShortcut); browser mode has none. */
  readonly globalShortcuts?: GlobalShortcutRegistrar;
  /** Per-call cap on a recording's bytes; RECORDING_LIMITS.maxBytes unless a test sets a small one. */
  readonly maxRecordingBytes?: number;
  /** How often retention runs after the start; an hour unless a test sets it. */
  readonly retentionIntervalMs?: number;
  /** The embedded lab call center, once started (browser mode); the desktop app has none. */
  readonly lab?: () => LabDesk | undefined;
}

/** What the HostApi asks of the embedded lab: the first screen's banner and its "call me" button. */
export interface LabDesk {
  info(): LabInfo | null | Promise<LabInfo | null>;
  callMe(language: Locale): Promise<LabCallPlaced>;
}

export interface HostServices {
  readonly db: WarmlineDatabase;
  readonly handlers: HostHandlers;
  readonly dispatch: Dispatch;
  close(): void;
}

export const DATABASE_FILE = 'warmline.sqlite';
const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

/** Wires every service to one database file; shared by the Electron main process and the web host. */
export function createHostServices(options: HostServicesOptions): HostServices {
  const now = options.now ?? Date.now;
  const log = options.log ?? { warn: (m: string) => console.warn(m), error: (m: string, e: unknown) => console.error(m, e) };
  mkdirSync(options.dataDir, { recursive: true });
  const db = openDatabase(join(options.dataDir, DATABASE_FILE));
  const credentials = options.secretCodec ? createDbCredentialStore(db, options.secretCodec) : createMemoryCredentialStore();
  const store = createSettingsStore(db);
  const settings = createSettingsService({ store, credentials, now, warn: log.warn });
  const shortcuts = createShortcutsService({
    store,
    now,
    warn: log.warn,
    ...(options.globalShortcuts ? { registrar: options.globalShortcuts } : {}),
  });
  const defaultCountry = () => settings.get().defaultCountry;
  const history = createHistoryService({
    reader: createHistoryReader(db),
    writer: createHistoryWriter(db),
    now,
    defaultCountry,
  });
  const wrapUp = createWrapUpService({ store: createWrapUpStore(db), now, defaultCountry });
  const customers = createCustomerService({ store: createCustomerStore(db), now });
  const callNotes = createCallNotesStore(db);
  const recordings = createRecordingService({
    store: createRecordingStore(db),
    dir: join(options.dataDir, RECORDINGS_FOLDER),
    now,
    enabled: () => settings.get().recordCalls,
    retentionDays: () => settings.get().recordingRetentionDays,
    ...(options.maxRecordingBytes ? { maxBytes: options.maxRecordingBytes } : {}),
    warn: log.warn,
  });
  const prune = () => {
    try {
      recordings.prune();
    } catch (error) {
      log.error('recordings: retention failed', error);
    }
  };
  // Retention at start and every hour after: a Warmline left running for weeks deletes on time too.
  prune();
  const pruneTimer = setInterval(prune, options.retentionIntervalMs ?? RETENTION_INTERVAL_MS);
  pruneTimer.unref();
  const handlers: HostHandlers = {
    getAppInfo: () => ({
      name: 'Warmline',
      version: options.version,
      host: options.host,
      dataDir: options.dataDir,
      passwordStorage: options.secretCodec ? 'encrypted' : options.withoutKeyring ? 'memory-no-keyring' : 'memory',
    }),
    bootstrap: () => ({ settings: settings.get(), openWrapUp: wrapUp.open(), sipPassword: settings.sipPassword() }),
    getSettings: () => settings.get(),
    saveSettings: (patch) => settings.save(patch),
    getSipPassword: () => settings.sipPassword(),
    getTeamKey: () => settings.teamKey(),
    reportAgentStatus: (status) => {
      options.onAgentStatus?.(status);
      return null;
    },
    logError: (report) => {
      if (options.onRendererError) options.onRendererError(report);
      else log.error(`renderer: ${report.source ?? 'error'}: ${report.message}`, report.stack);
      return null;
    },
    getShortcuts: () => shortcuts.get(),
    saveShortcuts: (patch) => shortcuts.save(patch),
    recordCall: (record) => history.recordCall(record),
    recordEscalation: (record) => history.recordEscalation(record),
    listHistory: (args) => history.list(args),
    exportHistoryCsv: (filter) => history.exportCsv(filter),
    agentStats: ({ from, to }) => history.stats(from, to),
    saveWrapUpDraft: (draft) => {
      wrapUp.saveDraft(draft);
      // The draft now holds what was typed during the call.
      callNotes.remove(draft.callId);
      return null;
    },
    getOpenWrapUp: () => wrapUp.open(),
    finishWrapUp: (finish) => {
      wrapUp.finish(finish);
      return history.item(finish.callId);
    },
    getCustomer: (key) => customers.get(key),
    addCustomerNote: (note) => customers.addNote(note),
    closeFollowUp: (args) => customers.closeFollowUp(args),
    listCallbacks: () => customers.callbacks(),
    remindOfCallback: (callback) => {
      options.onCallbackDue?.(callback);
      return null;
    },
    snoozeFollowUp: (args) => customers.snoozeFollowUp(args),
    saveCallNotes: (notes) => {
      callNotes.save(notes, now());
      return null;
    },
    listInterruptedCallNotes: () => callNotes.list(),
    dismissCallNotes: ({ callId }) => {
      callNotes.remove(callId);
      return null;
    },
    deleteCall: ({ callId }) => {
      if (!history.deleteCall(callId)) throw new HostServiceError({ code: 'not-found', message: 'No such call in the history.' });
      recordings.deleteForCall(callId);
      return null;
    },
    startRecording: (args) => recordings.start(args),
    appendRecording: (args) => recordings.append(args),
    finishRecording: ({ recordingId }) => recordings.finish(recordingId),
    readRecording: (args) => recordings.read(args),
    getLabInfo: async () => (await options.lab?.()?.info()) ?? null,
    labCallMe: ({ language }) => {
      const lab = options.lab?.();
      if (!lab) throw new HostServiceError({ code: 'not-found', message: 'No lab call center runs with this Warmline.' });
      return lab.callMe(language);
    },
  };
  return {
    db,
    handlers,
    dispatch: createDispatcher(handlers, log.error),
    close: () => {
      clearInterval(pruneTimer);
      db.close();
    },
  };
}
