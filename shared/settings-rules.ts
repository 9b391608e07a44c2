/**
 * The settings' limits, codes and pure rules, without their zod schemas (shared/settings.ts): the
 * renderer's start code uses these, and a schema built at import would cost every start (issue 19).
 */

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

export const DTMF_MODES = ['rfc4733', 'info'] as const;
export type DtmfMode = (typeof DTMF_MODES)[number];

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

/** One queue's own seconds (after-call time or call target). */
export interface QueueSeconds {
  readonly queue: string;
  readonly seconds: number;
}

/** The seconds `list` sets for `queue` (names compare case-insensitively), else `fallback`. */
export function secondsForQueue(list: readonly QueueSeconds[], queue: string | undefined, fallback: number): number {
  const name = queue?.toLowerCase();
  return list.find((q) => q.queue.toLowerCase() === name)?.seconds ?? fallback;
}
