import { z } from 'zod/mini';
import { DEFAULT_LOCALE, LOCALES } from './locales';
import { teamPhrasesSchema } from './assist/team-phrases';

/** Bounds on what an agent may type: generous for real values, small enough that no field can flood storage or the UI. */
export const SETTINGS_LIMITS = {
  serverUrl: 512,
  sipUri: 256,
  authUser: 128,
  password: 256,
  displayName: 64,
  deviceId: 256,
  iceServers: 5,
  iceUrl: 256,
  queueAddress: 128,
  teamKey: 256,
  wrapUpSeconds: 600,
  dispositions: 30,
  disposition: 64,
  queueWrapUps: 20,
  queueName: 64,
  featureCode: 32,
  callTargetSeconds: 7_200,
  teamMembers: 300,
} as const;

/**
 * Validation messages are stable codes, not prose: the UI translates them (`validation.<code>`),
 * and they read well enough untranslated in a log or an API error.
 */
export const VALIDATION = {
  tooLong: 'tooLong',
  controlChars: 'controlChars',
  serverUrl: 'serverUrl',
  sipUri: 'sipUri',
  iceUrl: 'iceUrl',
  country: 'country',
  queueAddress: 'queueAddress',
  featureCode: 'featureCode',
  queueWrapUp: 'queueWrapUp',
  teamMember: 'teamMember',
} as const;

const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

const text = (max: number) =>
  z
    .string()
    .check(z.maxLength(max, { message: VALIDATION.tooLong }))
    .check(z.refine((s) => !CONTROL_CHARS.test(s), { message: VALIDATION.controlChars }));

/** scheme://host[:port][/path], host possibly a bracketed IPv6 literal; no userinfo. */
const WS_URL = /^(wss?):\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?(?:[/?#][^\s]*)?$/i;

/** ws:// only to loopback (the lab, tests); a real call center is reached over wss://. */
export function isAllowedServerUrl(raw: string): boolean {
  if (raw === '') return true;
  const match = WS_URL.exec(raw);
  if (!match) return false;
  const [, scheme = '', rawHost = '', port] = match;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return false;
  if (scheme.toLowerCase() === 'wss') return true;
  const host = rawHost.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(host);
}

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

export const DTMF_MODES = ['rfc4733', 'info'] as const;
export type DtmfMode = (typeof DTMF_MODES)[number];

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

/**
 * How the agent stops being offered queue calls during after-call work and breaks. The phone
 * always answers 486 Busy Here while not Available; the strategies differ in what the server is
 * told, so the ACD stops choosing the agent instead of ringing and being refused:
 * - `reject`: nothing; 486 only (any server, but each offer costs the caller a ring attempt);
 * - `message`: an authenticated SIP MESSAGE "pause"/"unpause" to `sip:queue-control@<domain>`
 *   (the lab server and servers with the same control endpoint);
 * - `unregister`: the registration is removed (the queue has no contact to ring) and renewed when
 *   the agent is Available again; outbound calls still work, consult transfers to the agent do not;
 * - `feature-code`: a short call to a pause / unpause feature code (Asterisk `*46`-style dialplan).
 */
export const QUEUE_PAUSE_STRATEGIES = ['reject', 'message', 'unregister', 'feature-code'] as const;
export type QueuePauseStrategy = (typeof QUEUE_PAUSE_STRATEGIES)[number];

/** A dialplan feature code: digits, `*`, `#`, and the letters and marks a SIP user part may hold. */
export function isFeatureCode(code: string): boolean {
  return code.length <= SETTINGS_LIMITS.featureCode && /^[0-9A-Za-z*#+._-]+$/.test(code);
}

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

/** One queue's own seconds (after-call time or call target). */
export type QueueSeconds = Readonly<z.infer<ReturnType<typeof queueSecondsSchema>>>;

/** The seconds `list` sets for `queue` (names compare case-insensitively), else `fallback`. */
export function secondsForQueue(list: readonly QueueSeconds[], queue: string | undefined, fallback: number): number {
  const name = queue?.toLowerCase();
  return list.find((q) => q.queue.toLowerCase() === name)?.seconds ?? fallback;
}

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
