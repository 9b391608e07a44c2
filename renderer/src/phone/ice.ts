import type { IceCandidateEvent, RTCSession } from 'jssip/lib/RTCSession';

/**
 * How long the offer or answer waits for more candidates once the first usable one is there.
 * JsSIP sends no SDP until gathering completes, and a STUN or TURN server that never answers
 * holds gathering for the browser's own timeout (about 10 s in Chromium, JsSIP issue #432): the
 * caller hears nothing and the queue's ring timer runs. A second covers a STUN or TURN answer
 * from any server worth using; later candidates are not trickled (SIP has no trickle here).
 */
export const ICE_GATHERING_WAIT_MS = 1_000;

/** A candidate the far end can try: one with an address (mDNS names count, empty ones do not). */
export function usableCandidate(candidate: Pick<RTCIceCandidate, 'candidate' | 'address'>): boolean {
  if (candidate.candidate === '') return false;
  return candidate.address !== null ? candidate.address !== '' : / typ (host|srflx|prflx|relay)/.test(candidate.candidate);
}

/**
 * Bounds every gathering round of a session (the first offer or answer, and re-INVITEs such as
 * an ICE restart): JsSIP hands each candidate with a `ready` callback that sends the SDP as it is.
 */
export function boundIceGathering(session: RTCSession, waitMs: number = ICE_GATHERING_WAIT_MS): void {
  let round: { readonly ready: () => void; readonly timer: ReturnType<typeof setTimeout> } | undefined;
  session.on('icecandidate', ({ candidate, ready }: IceCandidateEvent) => {
    // One `ready` per gathering round: the first usable candidate of a round starts its clock.
    if (round?.ready === ready || !usableCandidate(candidate)) return;
    if (round) clearTimeout(round.timer);
    round = { ready, timer: setTimeout(ready, waitMs) };
  });
  const stop = (): void => {
    if (round) clearTimeout(round.timer);
  };
  session.on('ended', stop);
  session.on('failed', stop);
}

/** Which way a call's audio goes: straight (host), through a NAT's mapping (srflx/prflx), or a TURN relay. */
export interface MediaPath {
  readonly localType: RTCIceCandidateType;
  readonly remoteType: RTCIceCandidateType;
  readonly localAddress: string;
  readonly protocol: string;
  /** For a relay: how we reach the TURN server (udp, tcp, tls). */
  readonly relayProtocol?: string;
}

interface StatsEntry {
  readonly type: string;
  readonly id: string;
  readonly [key: string]: unknown;
}

/** The selected candidate pair of a call's transport, from getStats() (W3C webrtc-stats §8.5). */
export function mediaPathOf(report: RTCStatsReport | Iterable<StatsEntry>): MediaPath | undefined {
  const entries = new Map<string, StatsEntry>();
  if (Symbol.iterator in report && !('forEach' in report)) for (const entry of report) entries.set(entry.id, entry);
  else (report as RTCStatsReport).forEach((entry: StatsEntry) => entries.set(entry.id, entry));
  const transport = [...entries.values()].find((e) => e.type === 'transport' && typeof e['selectedCandidatePairId'] === 'string');
  const pair =
    entries.get(String(transport?.['selectedCandidatePairId'])) ??
    [...entries.values()].find((e) => e.type === 'candidate-pair' && e['nominated'] === true && e['state'] === 'succeeded');
  const local = entries.get(String(pair?.['localCandidateId']));
  const remote = entries.get(String(pair?.['remoteCandidateId']));
  if (!local || !remote) return undefined;
  const relayProtocol = local['relayProtocol'];
  return {
    localType: local['candidateType'] as RTCIceCandidateType,
    remoteType: remote['candidateType'] as RTCIceCandidateType,
    localAddress: String(local['address'] ?? local['ip'] ?? ''),
    protocol: String(local['protocol'] ?? ''),
    ...(typeof relayProtocol === 'string' ? { relayProtocol } : {}),
  };
}

/** Whether any of these ICE servers is a TURN server (turn: or turns:), the one thing that gets through a firewall blocking UDP. */
export function hasTurnServer(servers: readonly RTCIceServer[] | undefined): boolean {
  return (servers ?? []).some((server) =>
    (Array.isArray(server.urls) ? server.urls : [server.urls]).some((url) => /^turns?:/i.test(String(url).trim())),
  );
}
