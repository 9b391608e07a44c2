import { z } from 'zod/mini';
import { DEFAULT_LOCALE, LOCALES } from './locales';
import { teamPhrasesSchema } from './assist/team-phrases';
import {
  DTMF_MODES,
  isAllowedServerUrl,
  isFeatureCode,
  QUEUE_PAUSE_STRATEGIES,
  SETTINGS_LIMITS,
  VALIDATION,
} from './settings-rules';

export * from './settings-rules';

const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

const text = (max: number) =>
  z
    .string()
    .check(z.maxLength(max, { message: VALIDATION.tooLong }))
    .check(z.refine((s) => !CONTROL_CHARS.test(s), { message: VALIDATION.controlChars }));

const SIP_URI = /^sips?:[^\s@<>"]+@[^\s@<>"]+$/i;

export const serverUrlSchema = text(SETTINGS_LIMITS.serverUrl).check(
  z.refine(isAllowedServerUrl, {
    message: VALIDATION.serverUrl,
  }),
);
export const sipUriSchema = text(SETTINGS_LIMITS.sipUri).check(
  z.refine((s) => s === '' || SIP_URI.test(s), {
    message: VALIDATION.sipUri,
  }),
);

/** STUN/TURN servers for ICE (RFC 7064/7065 URIs); TURN credentials are not secret from the agent. */
export const iceServerSchema = z.strictObject({
  urls: text(SETTINGS_LIMITS.iceUrl).check(
    z.refine((u) => /^(stun|stuns|turn|turns):[^\s]+$/i.test(u), { message: VALIDATION.iceUrl }),
  ),
  username: z.optional(text(SETTINGS_LIMITS.authUser)),
  credential: z.optional(text(SETTINGS_LIMITS.password)),
});
export type IceServer = Readonly<z.infer<typeof iceServerSchema>>;

/** An ISO 3166-1 alpha-2 code, for numbers typed without a country prefix; empty means "always type +". */
const countrySchema = z.string().check(z.refine((c) => c === '' || /^[A-Z]{2}$/.test(c), { message: VALIDATION.country }));

/** Where an escalation goes: a queue's user part (`senior`) or a full SIP address. */
const queueAddressSchema = text(SETTINGS_LIMITS.queueAddress).check(
  z.refine((a) => /^(sips?:)?[^\s@<>"]+(@[^\s@<>"]+)?$/i.test(a), {
    message: VALIDATION.queueAddress,
  }),
);

/** A disposition code as the wrap-up form offers it: short, one line, never empty. */
const dispositionCodeSchema = text(SETTINGS_LIMITS.disposition).check(z.refine((d) => d.trim() !== ''));

const featureCodeSchema = text(SETTINGS_LIMITS.featureCode).check(
  z.refine((c) => c === '' || isFeatureCode(c), {
    message: VALIDATION.featureCode,
  }),
);

const wrapUpSecondsSchema = z.int().check(z.minimum(0)).check(z.maximum(SETTINGS_LIMITS.wrapUpSeconds));
/** How long a call should take at most (the queue's service target): the assistant nudges before it. */
const callTargetSecondsSchema = z.int().check(z.minimum(30)).check(z.maximum(SETTINGS_LIMITS.callTargetSeconds));

/** Seconds for one queue (by the name the ACD announces), overriding a default: after-call time, call target. */
const queueSecondsSchema = (seconds: z.ZodMiniNumber) =>
  z.strictObject({
    queue: text(SETTINGS_LIMITS.queueName).check(
      z.refine((q) => q.trim() !== '' && !/[=\s]/.test(q), {
        message: VALIDATION.queueWrapUp,
      }),
    ),
    seconds,
  });

/** A list of queue overrides: bounded, each queue once (names compare case-insensitively). */
const queueSecondsListSchema = (seconds: z.ZodMiniNumber) =>
  z
    .array(queueSecondsSchema(seconds))
    .check(z.maxLength(SETTINGS_LIMITS.queueWrapUps))
    .check(
      z.refine((list) => new Set(list.map((q) => q.queue.toLowerCase())).size === list.length, {
        message: VALIDATION.queueWrapUp,
      }),
    );

/** What the agent configures; the password is not part of it (it lives in the credential store). */
export const settingsSchema = z.strictObject({
  serverUrl: serverUrlSchema,
  sipUri: sipUriSchema,
  authUser: text(SETTINGS_LIMITS.authUser),
  displayName: text(SETTINGS_LIMITS.displayName),
  language: z.enum(LOCALES),
  defaultCountry: countrySchema,
  iceServers: z.array(iceServerSchema).check(z.maxLength(SETTINGS_LIMITS.iceServers)),
  dtmfMode: z.enum(DTMF_MODES),
  /** Audio devices by `MediaDeviceInfo.deviceId`; empty means the system default. */
  microphoneId: text(SETTINGS_LIMITS.deviceId),
  headsetId: text(SETTINGS_LIMITS.deviceId),
  ringerId: text(SETTINGS_LIMITS.deviceId),
  /** The hierarchical escalation target (authority) and the functional one (expertise). */
  seniorQueue: queueAddressSchema,
  technicalQueue: queueAddressSchema,
  /** After-call work: the countdown in seconds, 0 meaning "until the agent is ready". */
  wrapUpSeconds: wrapUpSecondsSchema,
  /** Per-queue after-call time, by the queue's name; queues not listed get `wrapUpSeconds`. */
  queueWrapUps: queueSecondsListSchema(wrapUpSecondsSchema),
  /** The longest a call should take (service target): the assistant nudges to escalate before it. */
  callTargetSeconds: callTargetSecondsSchema,
  /** Per-queue call targets, by the queue's name; queues not listed get `callTargetSeconds`. */
  queueTargets: queueSecondsListSchema(callTargetSecondsSchema),
  /** An escalated call (this agent escalated it, or took it over with a context) gets at least this long. */
  escalatedWrapUpSeconds: wrapUpSecondsSchema,
  /** Mandatory wrap-up: Ready waits for a disposition; optional: the countdown may end without one. */
  wrapUpMandatory: z.boolean(),
  /** The disposition codes the wrap-up form offers, in menu order. */
  dispositions: z.array(dispositionCodeSchema).check(z.maxLength(SETTINGS_LIMITS.dispositions)),
  /** How the agent is paused in the queues during after-call work and breaks (see QUEUE_PAUSE_STRATEGIES). */
  queuePause: z.enum(QUEUE_PAUSE_STRATEGIES),
  /** The `feature-code` strategy's codes, dialled as `sip:<code>@<domain>`. */
  pauseCode: featureCodeSchema,
  unpauseCode: featureCodeSchema,
  /** The team's own empathy phrases, shown in the assistant beside the shipped ones. */
  teamPhrases: teamPhrasesSchema,
  /**
   * Colleagues' SIP users the home's team list watches (presence), beside those the queue board
   * names: the team list for a server without the lab's board (issue 15).
   */
  teamMembers: z
    .array(z.string().check(z.regex(/^[\w.+-]{1,64}$/, { message: VALIDATION.teamMember })))
    .check(z.maxLength(SETTINGS_LIMITS.teamMembers, { message: VALIDATION.tooLong })),
  /** Record every call (the agent and the far end mixed) into the data folder; off unless the agent turns it on. */
  recordCalls: z.boolean(),
  /** Recordings older than this many days are deleted (at start and every hour). */
  recordingRetentionDays: z.int().check(z.minimum(1)).check(z.maximum(3650)),
  /** Supervisor role (issue 16): the board of the team's agents with Listen, Coach and Barge. */
  supervisor: z.boolean(),
});

export type Settings = Readonly<z.infer<typeof settingsSchema>>;

/**
 * A change the agent saves: any subset of settings, plus a new SIP password and a new team key
 * (the shared secret escalation contexts are signed with); neither is read back with the settings.
 */
export const settingsPatchSchema = z.strictObject(
  z.extend(z.partial(settingsSchema), {
    password: z.optional(text(SETTINGS_LIMITS.password)),
    teamKey: z.optional(text(SETTINGS_LIMITS.teamKey)),
  }).shape,
);

export type SettingsPatch = Readonly<z.infer<typeof settingsPatchSchema>>;

/** What the renderer sees: the settings, and whether a password is stored, never the password itself. */
export const settingsViewSchema = z.strictObject(
  z.extend(settingsSchema, { passwordSet: z.boolean(), teamKeySet: z.boolean() }).shape,
);
export type SettingsView = Readonly<z.infer<typeof settingsViewSchema>>;

export const DEFAULT_SETTINGS: Settings = {
  serverUrl: '',
  sipUri: '',
  authUser: '',
  displayName: '',
  language: DEFAULT_LOCALE,
  defaultCountry: '',
  iceServers: [],
  dtmfMode: 'rfc4733',
  microphoneId: '',
  headsetId: '',
  ringerId: '',
  seniorQueue: 'senior',
  technicalQueue: 'technical',
  wrapUpSeconds: 30,
  wrapUpMandatory: false,
  dispositions: ['resolved', 'callback-scheduled', 'escalated', 'no-resolution', 'wrong-number'],
  queueWrapUps: [],
  escalatedWrapUpSeconds: 60,
  callTargetSeconds: 360,
  queueTargets: [],
  queuePause: 'reject',
  pauseCode: '*46',
  unpauseCode: '*47',
  teamPhrases: [],
  teamMembers: [],
  recordCalls: false,
  recordingRetentionDays: 90,
  supervisor: false,
};

export type SettingKey = keyof Settings;
export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as SettingKey[];
