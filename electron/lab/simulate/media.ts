/**
 * The simulated customer's WebRTC audio, in Node: werift (a pure TypeScript WebRTC stack: ICE, DTLS-SRTP, RTP)
 * negotiates with the agent's browser like any peer, and we send the recorded complaint's Opus packets as RTP,
 * one every 20 ms, without decoding them. Non-trickle ICE: SIP carries one complete offer (RFC 8840 aside).
 */
import { RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket, type RTCRtpTransceiver } from 'werift';
import type { Complaint } from './complaints.js';
import { OPUS_SILENCE } from './ogg-opus.js';

const FRAME_MS = 20;
const GATHER_TIMEOUT_MS = 5_000;

export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export interface CustomerMediaOptions {
  /** Silence between repetitions of the complaint, so an agent who missed the start hears it again. */
  readonly repeatAfterMs?: number;
}

export class CustomerMedia {
  private readonly pc: RTCPeerConnection;
  private readonly transceiver: RTCRtpTransceiver;
  private timer: NodeJS.Timeout | null = null;
  private sending = true;
  private receiving = true;
  private remoteSetup: string | null = null;
  private sdpVersion = 1;
  /** RTP packets received from the agent (the customer "hears" them). */
  packetsReceived = 0;
  packetsSent = 0;
  private readonly heardWaiters: Array<{ packets: number; resolve: () => void }> = [];

  constructor(
    private readonly complaint: Complaint,
    private readonly options: CustomerMediaOptions = {},
  ) {
    this.pc = new RTCPeerConnection({
      codecs: { audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2, payloadType: 111 })] },
      // werift leaves out loopback interfaces; the lab and its agents usually run on 127.0.0.1 (and tests run in a
      // network namespace that has nothing else).
      iceAdditionalHostAddresses: ['127.0.0.1'],
    });
    this.transceiver = this.pc.addTransceiver('audio', { direction: 'sendrecv' });
    this.transceiver.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe(() => {
        this.packetsReceived += 1;
        for (const w of this.heardWaiters.filter((h) => h.packets <= this.packetsReceived)) {
          this.heardWaiters.splice(this.heardWaiters.indexOf(w), 1);
          w.resolve();
        }
      });
    });
  }

  /** Resolves once `packets` RTP packets came from the far end (never, if the call ends first). */
  whenHeard(packets: number): Promise<void> {
    if (this.packetsReceived >= packets) return Promise.resolve();
    return new Promise((resolve) => this.heardWaiters.push({ packets, resolve }));
  }

  /** The SDP offer for the INVITE, with every host candidate in it. */
  async offer(): Promise<string> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    if (this.pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, GATHER_TIMEOUT_MS);
        this.pc.iceGatheringStateChange.subscribe((state) => {
          if (state === 'complete') {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    }
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new Error('werift produced no local description');
    return sdp;
  }

  async answer(sdp: string): Promise<void> {
    this.remoteSetup = /^a=setup:(\w+)/m.exec(sdp)?.[1] ?? null;
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
    this.applyRemoteDirection(sdp);
  }

  /**
   * Answer a re-INVITE's offer (hold, resume, a codec or address refresh that keeps ICE and DTLS): our first
   * offer with the direction mirrored and the DTLS role fixed to the one we already play (RFC 5763 §5). An offer
   * that restarts ICE or changes the certificate is refused (null → 488).
   */
  reoffer(sdp: string | null): string | null {
    const local = this.pc.localDescription?.sdp;
    if (!local) return null;
    if (sdp !== null) {
      const remote = this.pc.remoteDescription?.sdp ?? '';
      const same = (re: RegExp): boolean => re.exec(sdp)?.[1] === re.exec(remote)?.[1];
      if (!same(/^a=ice-ufrag:(\S+)/m) || !same(/^a=fingerprint:\S+ (\S+)/m)) return null;
      this.applyRemoteDirection(sdp);
    }
    const ours: Direction = !this.sending ? (this.receiving ? 'recvonly' : 'inactive') : this.receiving ? 'sendrecv' : 'sendonly';
    const role = this.remoteSetup === 'active' ? 'passive' : 'active';
    this.sdpVersion += 1;
    return local
      .replace(/^(o=\S+ \S+ )(\d+)/m, (_, head: string) => `${head}${this.sdpVersion}`)
      .replace(/^a=(sendrecv|sendonly|recvonly|inactive)$/m, `a=${ours}`)
      .replace(/^a=setup:\w+$/m, `a=setup:${role}`);
  }

  private applyRemoteDirection(sdp: string): void {
    const remote = (/^a=(sendrecv|sendonly|recvonly|inactive)\r?$/m.exec(sdp)?.[1] ?? 'sendrecv') as Direction;
    this.sending = remote === 'sendrecv' || remote === 'recvonly';
    this.receiving = remote === 'sendrecv' || remote === 'sendonly';
  }

  /** Speak the complaint, then repeat it after a pause, until closed; silence frames while on hold or pausing. */
  start(): void {
    if (this.timer) return;
    const { packets, samples } = this.complaint;
    const pauseFrames = Math.round((this.options.repeatAfterMs ?? 6_000) / FRAME_MS);
    const cycle = packets.length + pauseFrames;
    const startedAt = performance.now();
    let frame = 0;
    let sequenceNumber = Math.floor(Math.random() * 0x10000);
    let timestamp = Math.floor(Math.random() * 0x1_0000_0000);
    const tick = (): void => {
      // Catch up on frames a late timer missed, so the far end's jitter buffer sees real time.
      const due = Math.floor((performance.now() - startedAt) / FRAME_MS) + 1;
      for (; frame < due; frame += 1) {
        const index = frame % cycle;
        const speaking = index < packets.length;
        const step = speaking ? (samples[index] ?? 960) : 960;
        // On hold (our direction recvonly or inactive) nothing is sent; the RTP clock keeps running.
        if (this.sending) {
          const payload = speaking ? packets[index]! : OPUS_SILENCE;
          const header = new RtpHeader({ sequenceNumber, timestamp, marker: frame === 0, payloadType: 111 });
          sequenceNumber = (sequenceNumber + 1) & 0xffff;
          this.transceiver.sender.sendRtp(new RtpPacket(header, payload)).catch(() => undefined);
          this.packetsSent += 1;
        }
        timestamp = (timestamp + step) >>> 0;
      }
    };
    this.timer = setInterval(tick, FRAME_MS);
    this.timer.unref();
    tick();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.pc.close().catch(() => undefined);
  }
}
