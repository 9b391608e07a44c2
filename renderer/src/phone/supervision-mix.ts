import type { SupervisionMode } from '../../../shared/supervision/request';
import { remoteSource } from './media';
import { swapSenderTrack } from './sender-track';

/**
 * The agent's side of a supervised call, mixed on the agent's machine (Web Audio), so any SIP
 * server will do: the supervisor is sent the agent's microphone plus the customer; who hears the
 * supervisor depends on the mode:
 *
 *   mode     customer hears        agent's headset            supervisor hears
 *   listen   agent                 customer                   customer + agent
 *   coach    agent                 customer + supervisor      customer + agent
 *   barge    agent + supervisor    customer + supervisor      customer + agent
 *
 * The graph is built once with a gain per switchable path, so a mode switch is two gain changes:
 * no renegotiation, no gap. The customer's sender keeps its negotiation; only its track is
 * replaced by the mix (as the three-way call does), and given back when supervision ends.
 */
export class SupervisionMix {
  /**
   * 'playback': the largest buffers the device allows, so the mix's audio thread wakes far less
   * often than for 'interactive' (a few ms). Bench (supervision, issue 16): that thread's CPU over
   * the call alone 3.4 -> 2.0 % of a core. The price, a few tens of ms more on the mixed paths, is
   * well inside a conversation's budget (ITU-T G.114: 150 ms one way).
   */
  readonly #context = new AudioContext({ latencyHint: 'playback' });
  /** Chromium feeds a remote WebRTC stream into Web Audio only while a media element plays it. */
  readonly #keepAlive: HTMLAudioElement[] = [];
  readonly #toSupervisor: MediaStreamAudioDestinationNode;
  readonly #toCustomer: MediaStreamAudioDestinationNode;
  readonly #headset: MediaStreamAudioDestinationNode;
  readonly #supervisorToCustomer: GainNode;
  readonly #supervisorToAgent: GainNode;
  /** The agent's voice to the customer: off while the agent has muted the customer's call. */
  readonly #agentToCustomer: GainNode;
  #restoreCustomer: (() => Promise<void>) | undefined;

  constructor(
    readonly microphone: MediaStreamTrack,
    readonly customer: MediaStreamTrack,
  ) {
    const ctx = this.#context;
    this.#toSupervisor = ctx.createMediaStreamDestination();
    this.#toCustomer = ctx.createMediaStreamDestination();
    this.#headset = ctx.createMediaStreamDestination();
    this.#supervisorToCustomer = ctx.createGain();
    this.#supervisorToAgent = ctx.createGain();
    this.#supervisorToCustomer.gain.value = 0;
    this.#supervisorToAgent.gain.value = 0;
    this.#supervisorToCustomer.connect(this.#toCustomer);
    this.#supervisorToAgent.connect(this.#headset);
    this.#agentToCustomer = ctx.createGain();
    this.#agentToCustomer.connect(this.#toCustomer);
    const mic = ctx.createMediaStreamSource(new MediaStream([microphone]));
    mic.connect(this.#toSupervisor);
    mic.connect(this.#agentToCustomer);
    const heard = this.#source(customer);
    heard.connect(this.#toSupervisor);
    heard.connect(this.#headset);
  }

  /** What the supervisor's leg sends: the customer and the agent. */
  get supervisorStream(): MediaStream {
    return this.#toSupervisor.stream;
  }

  /** What the agent's headset plays while supervised. */
  get headsetStream(): MediaStream {
    return this.#headset.stream;
  }

  /** The supervisor's voice, once their leg's track is there. */
  addSupervisor(track: MediaStreamTrack): void {
    const voice = this.#source(track);
    voice.connect(this.#supervisorToCustomer);
    voice.connect(this.#supervisorToAgent);
  }

  setMode(mode: SupervisionMode): void {
    this.#supervisorToAgent.gain.value = mode === 'listen' ? 0 : 1;
    this.#supervisorToCustomer.gain.value = mode === 'barge' ? 1 : 0;
  }

  /** The customer's sender sends the mix from now on (the agent's voice, plus the supervisor in barge). */
  async sendToCustomer(sender: RTCRtpSender): Promise<void> {
    const mixed = this.#toCustomer.stream.getAudioTracks()[0];
    if (!mixed) return;
    // The agent's mute silences only the agent's voice to the customer: the supervisor in barge is
    // still heard by the customer, and the supervisor still hears the agent in every mode.
    const voice = this.#agentToCustomer.gain;
    this.#restoreCustomer = await swapSenderTrack(sender, mixed, (on) => (voice.value = on ? 1 : 0));
    await this.#context.resume();
  }

  async stop(): Promise<void> {
    const restore = this.#restoreCustomer;
    this.#restoreCustomer = undefined;
    // A customer leg that ended has a closed connection: nothing to give back there.
    await restore?.().catch(() => undefined);
    for (const element of this.#keepAlive.splice(0)) element.srcObject = null;
    await this.#context.close().catch(() => undefined);
  }

  #source(track: MediaStreamTrack): MediaStreamAudioSourceNode {
    return remoteSource(this.#context, new MediaStream([track]), this.#keepAlive);
  }
}
