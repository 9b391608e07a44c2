/**
 * A queue agent in Chromium for the simulator's integration test: SIP.js 0.21 with its own WebRTC session handler
 * (the fake microphone, which also keeps Chromium from hiding host candidates behind mDNS), answering the
 * first call. Records what an agent's phone would show (queue header, caller) and what it hears.
 */
import { type Invitation, Registerer, RegistererState, SessionState, UserAgent, type Web } from 'sip.js';

export interface QueueAgentOffer {
  readonly queue: string | undefined;
  readonly wait: string | undefined;
  readonly caller: string;
  readonly subject: string | undefined;
}

export interface QueueAgentHearing {
  /** inbound-rtp bytesReceived (RFC 7004 / W3C webrtc-stats). */
  readonly bytes: number;
  readonly packets: number;
  /** Loudest RMS level of the decoded audio so far (Web Audio): speech is well above the silence frames' 0. */
  readonly peakRms: number;
}

class QueueAgent {
  #ua: UserAgent | undefined;
  #invitation: Invitation | undefined;
  #analyser: AnalyserNode | undefined;
  #peakRms = 0;
  offer: QueueAgentOffer | undefined;
  /** The status lines of the NOTIFYs a REFER of ours brought back (message/sipfrag, RFC 3515). */
  readonly referNotifies: string[] = [];

  async register(wsUrl: string, uri: string, password: string): Promise<void> {
    const target = UserAgent.makeURI(uri);
    if (!target) throw new Error(`bad URI ${uri}`);
    const ua = new UserAgent({
      uri: target,
      transportOptions: { server: wsUrl },
      authorizationUsername: target.user,
      authorizationPassword: password,
      logLevel: 'warn',
      sessionDescriptionHandlerFactoryOptions: { iceGatheringTimeout: 2000 },
      delegate: { onInvite: (invitation) => this.#incoming(invitation) },
    });
    this.#ua = ua;
    await ua.start();
    const registerer = new Registerer(ua, { expires: 300 });
    await new Promise<void>((resolve, reject) => {
      registerer.stateChange.addListener((s) => s === RegistererState.Registered && resolve());
      void registerer.register({ requestDelegate: { onReject: (r) => reject(new Error(`REGISTER ${r.message.statusCode}`)) } });
    });
  }

  state(): string {
    return this.#invitation?.state ?? 'none';
  }

  async hearing(): Promise<QueueAgentHearing> {
    const sdh = this.#invitation?.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    const pc = sdh?.peerConnection;
    let bytes = 0;
    let packets = 0;
    if (pc) {
      (await pc.getStats()).forEach((r: { type: string; kind?: string; bytesReceived?: number; packetsReceived?: number }) => {
        if (r.type !== 'inbound-rtp' || r.kind !== 'audio') return;
        bytes += r.bytesReceived ?? 0;
        packets += r.packetsReceived ?? 0;
      });
    }
    if (this.#analyser) {
      const samples = new Float32Array(this.#analyser.fftSize);
      this.#analyser.getFloatTimeDomainData(samples);
      const rms = Math.sqrt(samples.reduce((sum, x) => sum + x * x, 0) / samples.length);
      this.#peakRms = Math.max(this.#peakRms, rms);
    }
    return { bytes, packets, peakRms: this.#peakRms };
  }

  /** REFER the caller to `target` (a blind transfer); resolves with the REFER's response status. */
  async refer(target: string): Promise<number> {
    const uri = UserAgent.makeURI(target);
    if (!uri || !this.#invitation) throw new Error('nothing to transfer');
    return new Promise((resolve) => {
      void this.#invitation!.refer(uri, {
        onNotify: (notification) => {
          this.referNotifies.push(String(notification.request.body).split('\r\n')[0] ?? '');
          void notification.accept();
        },
        requestDelegate: {
          onAccept: (response) => resolve(response.message.statusCode ?? 0),
          onReject: (response) => resolve(response.message.statusCode ?? 0),
        },
      });
    });
  }

  async hangup(): Promise<void> {
    if (this.#invitation?.state === SessionState.Established) await this.#invitation.bye();
  }

  async stop(): Promise<void> {
    await this.#ua?.stop();
  }

  #incoming(invitation: Invitation): void {
    this.#invitation = invitation;
    const request = invitation.request;
    this.offer = {
      queue: request.getHeader('X-Warmline-Queue'),
      wait: request.getHeader('X-Warmline-Queue-Wait'),
      caller: invitation.remoteIdentity.displayName,
      subject: request.getHeader('Subject'),
    };
    void invitation.accept().then(() => {
      const sdh = invitation.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
      const audio = document.getElementById('remote') as HTMLAudioElement | null;
      if (!sdh || !audio) return;
      // Chromium feeds a remote WebRTC stream into Web Audio only while a media element plays it (muted here).
      audio.muted = true;
      audio.srcObject = sdh.remoteMediaStream;
      void audio.play().catch(() => undefined);
      const context = new AudioContext();
      void context.resume();
      this.#analyser = context.createAnalyser();
      this.#analyser.fftSize = 2048;
      context.createMediaStreamSource(sdh.remoteMediaStream).connect(this.#analyser);
    });
  }
}

declare global {
  interface Window {
    queueAgent: QueueAgent;
  }
}
window.queueAgent = new QueueAgent();
