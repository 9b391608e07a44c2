import type { EndCause, RegistrationFailure } from './events';
import { cleanText } from './headers';

/** The slice of a JsSIP response we read. */
export interface ResponseLike {
  readonly status_code?: number;
  readonly reason_phrase?: string;
}

/**
 * A failed REGISTER, in the agent's terms. JsSIP reports a second 401/407 (credentials not
 * accepted) and a 403 alike as final responses; all three mean the password or the auth
 * user is wrong. No response at all means the transport failed or nobody answered.
 */
export function registrationFailure(response: ResponseLike | null | undefined, cause: string | undefined): RegistrationFailure {
  const status = response?.status_code;
  const phrase = cleanText(response?.reason_phrase, 120);
  if (status !== undefined) {
    const detail = `SIP ${status}${phrase ? ` ${phrase}` : ''}`;
    if (status === 401 || status === 403 || status === 407) return { reason: 'wrong-password', status, detail };
    if (status === 408) return { reason: 'timeout', status, detail };
    return { reason: 'refused', status, detail };
  }
  if (cause === 'Request Timeout') return { reason: 'timeout', detail: 'no answer to REGISTER' };
  return { reason: 'server-unreachable', detail: cause ?? 'connection error' };
}

/** JsSIP's `causes` strings (lib/Constants.js) mapped onto ours. */
export function endCause(jssipCause: string | undefined, status: number | undefined): EndCause {
  switch (jssipCause) {
    case 'Terminated':
      return 'hangup';
    case 'Busy':
      return 'busy';
    case 'Rejected':
      return 'rejected';
    case 'Canceled':
      return 'cancelled';
    case 'No Answer':
    case 'Expires':
      return 'no-answer';
    case 'Unavailable':
      return 'unavailable';
    case 'Not Found':
      return 'not-found';
    case 'Address Incomplete':
      return 'address-incomplete';
    case 'Incompatible SDP':
    case 'Missing SDP':
    case 'Bad Media Description':
    case 'WebRTC Error':
    case 'User Denied Media Access':
    case 'RTP Timeout':
      return 'media-failed';
    case 'Connection Error':
    case 'Request Timeout':
    case 'Dialog Error':
    case 'No ACK':
      return 'connection-lost';
    default:
      return status === 486 || status === 600 ? 'busy' : 'failed';
  }
}
