import { describe, expect, it } from 'vitest';
import { hasTurnServer, mediaPathOf, usableCandidate } from './ice';

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

describe('mediaPathOf', () => {
  const report = (entries: readonly Record<string, unknown>[]): RTCStatsReport =>
    new Map(entries.map((e) => [String(e['id']), e])) as unknown as RTCStatsReport;

  it('reads the selected pair: a TURN relay over TCP', () => {
    const path = mediaPathOf(
      report([
        { id: 'T', type: 'transport', selectedCandidatePairId: 'P' },
        { id: 'P', type: 'candidate-pair', localCandidateId: 'L', remoteCandidateId: 'R', state: 'succeeded' },
        { id: 'L', type: 'local-candidate', candidateType: 'relay', address: '10.0.0.1', protocol: 'udp', relayProtocol: 'tcp' },
        { id: 'R', type: 'remote-candidate', candidateType: 'host', address: '10.0.0.9', protocol: 'udp' },
      ]),
    );
    expect(path).toEqual({
      localType: 'relay',
      remoteType: 'host',
      localAddress: '10.0.0.1',
      protocol: 'udp',
      relayProtocol: 'tcp',
    });
  });

  it('is undefined before a pair is selected', () => {
    expect(mediaPathOf(report([{ id: 'T', type: 'transport' }]))).toBeUndefined();
  });
});

describe('hasTurnServer', () => {
  it('is true for a turn: or turns: address, also among several in one entry', () => {
    expect(hasTurnServer([{ urls: 'turn:turn.example.com:3478', username: 'a', credential: 'b' }])).toBe(true);
    expect(hasTurnServer([{ urls: ['stun:stun.example.com', 'TURNS:turn.example.com:5349'] }])).toBe(true);
  });

  it('is false with none, or only STUN', () => {
    expect(hasTurnServer(undefined)).toBe(false);
    expect(hasTurnServer([])).toBe(false);
    expect(hasTurnServer([{ urls: 'stun:stun.example.com:3478' }, { urls: ['stun:turn.example.com'] }])).toBe(false);
  });
});
