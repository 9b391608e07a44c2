import type { Call } from './call';
import { remoteSource } from './media';
import { swapSenderTrack } from './sender-track';

/**
 * The phone's one local three-way call at a time: merges two answered calls (resuming held
 * ones first), sends the mix to the headset, and ends the mix when either call ends.
 */
export class ConferenceController {
  #conference: LocalConference | undefined;

  constructor(
    private readonly resumed: (call: Call) => Promise<boolean>,
    private readonly headset: HTMLMediaElement | undefined,
    private readonly playAlone: (call: Call) => void,
  ) {}

  get active(): boolean {
    return this.#conference !== undefined;
  }

  /**
   * The calls a mute of `call` applies to: both legs while they are merged (the three-way call
   * shows one card with one Mute, and mute means nobody hears the agent), else the call alone.
   */
  legsOf(call: Call): readonly Call[] {
    const conference = this.#conference;
    return conference && (conference.a === call || conference.b === call) ? [conference.a, conference.b] : [call];
  }

  async merge(a: Call, b: Call): Promise<'merged' | 'not-resumed' | 'no-media'> {
    // Both legs must be talking: a held leg sends and receives nothing to mix.
    const resumed = await Promise.all([this.resumed(a), this.resumed(b)]);
    if (resumed.includes(false)) return 'not-resumed';
    const conference = await LocalConference.start(a, b);
    if (!conference) return 'no-media';
    this.#conference = conference;
    if (this.headset) this.headset.srcObject = conference.headsetStream;
    const end = () => void this.unmerge();
    a.session.on('ended', end);
    b.session.on('ended', end);
    return 'merged';
  }

  /** Ends the local mix; the legs stay up as two calls and the one still talking is heard alone. */
  async unmerge(): Promise<void> {
    const conference = this.#conference;
    if (!conference) return;
    this.#conference = undefined;
    await conference.stop();
    const talking = [conference.a, conference.b].find((c) => !c.session.isEnded() && !c.onHold);
    if (talking) this.playAlone(talking);
  }
}

/**
 * A three-way call mixed on the agent's machine, for servers without a conference bridge: each
 * party is sent the agent's microphone plus the other party, and the headset plays both.
 * WebRTC senders keep their negotiation; only the track they send is replaced (no re-INVITE).
 */
export class LocalConference {
  readonly #context = new AudioContext();
  readonly #restore: (() => Promise<void>)[] = [];
  /** Chromium feeds a remote WebRTC stream into Web Audio only while a media element plays it. */
  readonly #keepAlive: HTMLAudioElement[] = [];
  readonly headsetStream: MediaStream;

  private constructor(
    readonly a: Call,
    readonly b: Call,
  ) {
    const headset = this.#context.createMediaStreamDestination();
    this.headsetStream = headset.stream;
    const remoteA = this.#source(a);
    const remoteB = this.#source(b);
    remoteA?.connect(headset);
    remoteB?.connect(headset);
  }

  static async start(a: Call, b: Call): Promise<LocalConference | undefined> {
    if (!receivedStream(a) || !receivedStream(b)) return undefined;
    const conference = new LocalConference(a, b);
    await conference.#sendMix(a, b);
    await conference.#sendMix(b, a);
    await conference.#context.resume();
    return conference;
  }

  /** Back to two separate calls: each sender gets its microphone track again. */
  async stop(): Promise<void> {
    // A leg that ended (the transfer completed, a party hung up) has a closed connection: nothing to restore there.
    await Promise.all(this.#restore.splice(0).map((restore) => restore().catch(() => undefined)));
    for (const element of this.#keepAlive.splice(0)) element.srcObject = null;
    await this.#context.close();
  }

  #source(call: Call): MediaStreamAudioSourceNode | undefined {
    const stream = receivedStream(call);
    return stream && remoteSource(this.#context, stream, this.#keepAlive);
  }

  async #sendMix(to: Call, other: Call): Promise<void> {
    const sender = to.session.connection?.getSenders().find((s) => s.track?.kind === 'audio');
    const mic = sender?.track;
    const heard = receivedStream(other);
    if (!sender || !mic || !heard) return;
    const mix = this.#context.createMediaStreamDestination();
    const voice = this.#context.createGain();
    this.#context
      .createMediaStreamSource(new MediaStream([mic]))
      .connect(voice)
      .connect(mix);
    this.#context.createMediaStreamSource(heard).connect(mix);
    const mixed = mix.stream.getAudioTracks()[0];
    if (!mixed) return;
    // The agent's mute of this leg silences only the agent's voice in it: the other party is still heard.
    const restore = await swapSenderTrack(sender, mixed, (on) => (voice.gain.value = on ? 1 : 0));
    if (restore) this.#restore.push(restore);
  }
}

/**
 * What a call receives, from its RTP receiver rather than the remote MediaStream: after a hold
 * the browser may have removed the track from that stream (Unified Plan), the receiver keeps it.
 */
function receivedStream(call: Call): MediaStream | undefined {
  const track = call.session.connection?.getReceivers().find((r) => r.track.kind === 'audio')?.track;
  return track ? new MediaStream([track]) : undefined;
}
