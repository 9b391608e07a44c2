import { describe, expect, it } from 'vitest';
import { usableCandidate } from './ice';

describe('usableCandidate', () => {
  it('takes host, server-reflexive and relay candidates, with or without a parsed address', () => {
    expect(usableCandidate({ candidate: 'candidate:1 1 udp 2122260223 10.0.0.2 50000 typ host', address: '10.0.0.2' })).toBe(
      true,
    );
    expect(
      usableCandidate({
        candidate: 'candidate:2 1 udp 1686052607 192.0.2.1 3478 typ srflx raddr 0.0.0.0 rport 0',
        address: null,
      }),
    ).toBe(true);
    expect(usableCandidate({ candidate: 'candidate:3 1 udp 41885439 192.0.2.9 60000 typ relay', address: null })).toBe(true);
  });

  it('skips the empty end-of-candidates marker and address-less entries', () => {
    expect(usableCandidate({ candidate: '', address: null })).toBe(false);
    expect(usableCandidate({ candidate: 'candidate:1 1 udp 1 x 1 typ host', address: '' })).toBe(false);
  });
});
