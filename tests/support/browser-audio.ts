/**
 * Browser-side audio probes for end-to-end tests (bundled into the test pages). A tone of a
 * known frequency goes out as the call's microphone; the far side looks for it in what it
 * receives. Proves audio end to end, not just packets.
 */

let context: AudioContext | undefined;
function audio(): AudioContext {
  context ??= new AudioContext();
  void context.resume();
  return context;
}

/** A MediaStream carrying a steady sine tone (the call's "microphone"). */
export function toneStream(frequency: number): MediaStream {
  const ctx = audio();
  const oscillator = ctx.createOscillator();
  oscillator.frequency.value = frequency;
  const gain = ctx.createGain();
  gain.gain.value = 0.5;
  const destination = ctx.createMediaStreamDestination();
  oscillator.connect(gain).connect(destination);
  oscillator.start();
  return destination.stream;
}

export interface ToneReading {
  /** Frequency of the loudest bin, in Hz. */
  readonly peakHz: number;
  /** Its level in dBFS (about -100 or lower for silence). */
  readonly peakDb: number;
}

const probes = new WeakMap<MediaStream, AnalyserNode>();

/**
 * Reads the spectrum of a received stream. Chromium only feeds a remote WebRTC stream into Web
 * Audio while the stream is also playing in a media element, so a muted <audio> keeps it alive.
 */
export function readTone(stream: MediaStream): ToneReading {
  let analyser = probes.get(stream);
  if (!analyser) {
    const element = new Audio();
    element.muted = true;
    element.srcObject = stream;
    void element.play().catch(() => undefined);
    const ctx = audio();
    analyser = ctx.createAnalyser();
    analyser.fftSize = 4096;
    analyser.smoothingTimeConstant = 0.2;
    ctx.createMediaStreamSource(stream).connect(analyser);
    probes.set(stream, analyser);
  }
  const bins = new Float32Array(analyser.frequencyBinCount);
  analyser.getFloatFrequencyData(bins);
  let peak = 0;
  for (let i = 1; i < bins.length; i += 1) if ((bins[i] ?? -Infinity) > (bins[peak] ?? -Infinity)) peak = i;
  const hzPerBin = analyser.context.sampleRate / 2 / bins.length;
  const level = bins[peak] ?? -Infinity;
  return { peakHz: peak * hzPerBin, peakDb: Number.isFinite(level) ? level : -200 };
}

/** True when the loudest sound is our tone (within two FFT bins) and clearly audible. */
export function hears(reading: ToneReading, frequency: number): boolean {
  return Math.abs(reading.peakHz - frequency) < 30 && reading.peakDb > -50;
}

/** Audio bytes received so far on a peer connection (inbound-rtp, RFC 7004 / W3C webrtc-stats). */
export async function inboundAudioBytes(pc: RTCPeerConnection | undefined): Promise<number> {
  if (!pc) return 0;
  let bytes = 0;
  (await pc.getStats()).forEach((report: { type: string; kind?: string; bytesReceived?: number }) => {
    if (report.type === 'inbound-rtp' && report.kind === 'audio') bytes += report.bytesReceived ?? 0;
  });
  return bytes;
}
