import { causes } from 'jssip/lib/Constants';
import { describe, expect, it } from 'vitest';
import { endCause } from './causes';

describe('endCause: why JsSIP ended a call, in our words', () => {
  it.each([
    ['Terminated', 'hangup'],
    ['Busy', 'busy'],
    ['Rejected', 'rejected'],
    ['Canceled', 'cancelled'],
    ['No Answer', 'no-answer'],
    ['Expires', 'no-answer'],
    ['Unavailable', 'unavailable'],
    ['Not Found', 'not-found'],
    ['Address Incomplete', 'address-incomplete'],
    ['Incompatible SDP', 'media-failed'],
    ['Missing SDP', 'media-failed'],
    ['Bad Media Description', 'media-failed'],
    ['WebRTC Error', 'media-failed'],
    ['User Denied Media Access', 'media-failed'],
    ['RTP Timeout', 'media-failed'],
    ['Connection Error', 'connection-lost'],
    ['Request Timeout', 'connection-lost'],
    ['Dialog Error', 'connection-lost'],
    ['No ACK', 'connection-lost'],
  ])('%s is %s', (jssip, ours) => {
    expect(endCause(jssip, undefined)).toBe(ours);
  });

  it('knows every cause JsSIP names, except the few that are failures to us', () => {
    const failures = ['SIP Failure Code', 'Internal Error', 'Authentication Error', 'Redirected'];
    for (const cause of Object.values(causes)) {
      if (!failures.includes(cause)) expect(endCause(cause, undefined), cause).not.toBe('failed');
    }
  });

  it('an unknown cause is a failure, or busy by its status; an object key is no cause', () => {
    expect(endCause('Something new', 486)).toBe('busy');
    expect(endCause('Something new', 600)).toBe('busy');
    expect(endCause(undefined, 500)).toBe('failed');
    expect(endCause('constructor', undefined)).toBe('failed');
    expect(endCause('__proto__', undefined)).toBe('failed');
  });
});
