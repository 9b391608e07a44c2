/**
 * How often the level is read: every reading that moves the bar costs the page a frame (style,
 * paint, layering, composite: about 1.4 % of a core at ten a second in the issue 19 bench; the
 * meter's frames were most of what the main thread and compositor did in a call). Two and a half a
 * second still shows at a glance that the microphone picks the agent up; five a second cost the
 * main thread 0.3 % of a core more (issue 19 app-vs bench, two interleaved pairs: CPU in call 1.35x
 * and 1.34x of the bare page at five a second, 1.30x and 1.22x at two and a half).
 */
export const LEVEL_INTERVAL_MS = 400;

/**
 * Microphone level, 0..1, sampled every LEVEL_INTERVAL_MS from an AnalyserNode: the agent sees they are
 * heard. A timer, not requestAnimationFrame: an animation-frame loop makes the page draw 60 frames a
 * second for the whole call: half the renderer's CPU in a call (issue 19 bench: 19.5 % -> 10 % of a core).
 * Reading the sender's level from getStats() five times a second instead (the media-source's audio
 * energy, no AudioContext) was measured and was no cheaper: more main-thread work per reading and
 * on WebRTC's threads than the context's audio thread costs (tests/bench/cpu-in-call.ts, three runs
 * each, alternating: 7.0 vs 6.2 % of a core at load 11-18).
 */
export function watchLevel(stream: MediaStream, onLevel: (level: number) => void, doc: Document = document): () => void {
  // 'playback': the largest audio buffers the device allows, so the audio thread wakes far less often
  // than for the default 'interactive' (a few ms): the meter only reads the level a few times a second.
  // 8 kHz (speech's energy is below 4 kHz): Web Audio's buffers shrink with the rate, about 1.4 MB
  // less of the renderer's memory in a call than at the device's 44.1/48 kHz (issue 19,
  // tests/bench/uss-in-call.ts: partition_alloc 5.1 -> 3.7 MB; 2.6 MB with no context at all).
  const context = new AudioContext({ latencyHint: 'playback', sampleRate: 8_000 });
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 512;
  source.connect(analyser);
  const buffer = new Float32Array(analyser.fftSize);
  const tick = () => {
    // Nobody sees a meter in a hidden tab or a minimised window.
    if (doc.hidden) return;
    analyser.getFloatTimeDomainData(buffer);
    let sum = 0;
    for (const v of buffer) sum += v * v;
    // RMS to a rough perceptual scale: speech sits around 0.3–0.7.
    onLevel(Math.min(1, Math.sqrt(sum / buffer.length) * 4));
  };
  const timer = setInterval(tick, LEVEL_INTERVAL_MS);
  return () => {
    clearInterval(timer);
    source.disconnect();
    void context.close();
  };
}
