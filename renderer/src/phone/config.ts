import { isAllowedServerUrl } from '../../../shared/settings-rules';
import { err, ok, type Result } from '../../../shared/result';

/** What the phone needs to sign in; the settings feature builds it from stored settings. */
export interface PhoneConfig {
  /** wss:// (ws:// only to loopback: the lab server and tests). */
  readonly serverUrl: string;
  /** The agent's address of record, e.g. sip:1001@pbx.example.com. */
  readonly sipUri: string;
  /** Digest user when it differs from the URI's user part. */
  readonly authUser?: string;
  readonly password: string;
  readonly displayName?: string;
  readonly iceServers?: readonly RTCIceServer[];
  /** RFC 4733 in the media path (default) or SIP INFO, for PBXes that want INFO. */
  readonly dtmfTransport?: 'rfc4733' | 'info';
  /** REGISTER expiry in seconds (JsSIP refreshes before it runs out). */
  readonly registerExpires?: number;
  /**
   * Reconnect backoff bounds in seconds. JsSIP waits min × random(1..2^attempt) seconds, capped
   * at max: exponential backoff with jitter, so a PBX restart is not hit by every agent at once.
   */
  readonly reconnect?: { readonly minSeconds: number; readonly maxSeconds: number };
}

export type ConfigProblem =
  'serverUrl' | 'sipUri' | 'authUser' | 'password' | 'displayName' | 'iceServers' | 'registerExpires' | 'reconnect';

// Characters that would break out of a quoted-string or a header (From display name, the
// Authorization username) are refused rather than escaped: JsSIP does not escape them.
const QUOTED_UNSAFE = /["\\\u0000-\u001f\u007f]/;
const SIP_URI = /^sips?:[A-Za-z0-9\-_.!~*'()&=+$,;?/%]+@[A-Za-z0-9.\-[\]:]+$/;
const ICE_URL = /^(stun|stuns|turn|turns):[^\s]+$/;

export function validateConfig(config: PhoneConfig): Result<PhoneConfig, readonly ConfigProblem[]> {
  const problems: ConfigProblem[] = [];
  if (config.serverUrl === '' || !isAllowedServerUrl(config.serverUrl)) problems.push('serverUrl');
  if (config.sipUri.length > 256 || !SIP_URI.test(config.sipUri)) problems.push('sipUri');
  if (
    config.authUser !== undefined &&
    (config.authUser === '' || config.authUser.length > 128 || QUOTED_UNSAFE.test(config.authUser))
  ) {
    problems.push('authUser');
  }
  if (config.password.length > 256 || /[\u0000-\u001f\u007f]/.test(config.password)) problems.push('password');
  if (config.displayName !== undefined && (config.displayName.length > 64 || QUOTED_UNSAFE.test(config.displayName))) {
    problems.push('displayName');
  }
  const iceOk = (config.iceServers ?? []).every((server) => {
    const urls = typeof server.urls === 'string' ? [server.urls] : [...server.urls];
    return urls.length > 0 && urls.every((url) => ICE_URL.test(url));
  });
  if (!iceOk) problems.push('iceServers');
  const expires = config.registerExpires;
  if (expires !== undefined && !(Number.isInteger(expires) && expires >= 30 && expires <= 3600)) problems.push('registerExpires');
  const rc = config.reconnect;
  if (rc && !(rc.minSeconds >= 1 && rc.maxSeconds >= rc.minSeconds && rc.maxSeconds <= 600)) problems.push('reconnect');
  return problems.length === 0 ? ok(config) : err(problems);
}

/** The user part of an address of record, used as the digest user when none is given. */
export function uriUser(sipUri: string): string {
  return sipUri.replace(/^sips?:/, '').split('@')[0] ?? '';
}

/**
 * What the agent typed or pasted to call: a dialable number (already normalised by the
 * caller) or a SIP URI. Anything else is refused before it can reach a Request-URI or To.
 */
export function normaliseTarget(raw: string, domain: string): string | undefined {
  const target = raw.trim();
  if (/^\+?[0-9*#]{1,32}$/.test(target)) return `sip:${target}@${domain}`;
  if (/^[A-Za-z0-9._-]{1,64}$/.test(target)) return `sip:${target}@${domain}`;
  if (target.length <= 256 && SIP_URI.test(target)) return target;
  return undefined;
}

export function uriDomain(sipUri: string): string {
  return sipUri.split('@')[1] ?? '';
}
