import type { Page } from 'playwright-core';

/**
 * Does the app page hear a tone of `hz` on its headset output (the remote-audio element the
 * phone plays into)? Runs inside the page: an AnalyserNode on the element's stream, kept on
 * `window` between polls. Chromium feeds a remote WebRTC stream to Web Audio only while an
 * element plays it, which the app's own element does.
 */
export function appHearsTone(page: Page, hz: number): Promise<boolean> {
  return page.evaluate((frequency) => {
    const element = document.querySelector<HTMLAudioElement>('audio[data-testid="remote-audio"]');
    const stream = element?.srcObject;
    if (!(stream instanceof MediaStream)) return false;
    const w = window as unknown as { __probe?: { stream: MediaStream; analyser: AnalyserNode } };
    if (w.__probe?.stream !== stream) {
      const ctx = new AudioContext();
      void ctx.resume();
      const analyser = ctx.createAnalyser();
      analyser.fftSize = 4096;
      analyser.smoothingTimeConstant = 0.2;
      ctx.createMediaStreamSource(stream).connect(analyser);
      w.__probe = { stream, analyser };
    }
    const { analyser } = w.__probe;
    const bins = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(bins);
    const hzPerBin = analyser.context.sampleRate / 2 / bins.length;
    const bin = Math.round(frequency / hzPerBin);
    let best = -Infinity;
    for (let i = bin - 2; i <= bin + 2; i += 1) best = Math.max(best, bins[i] ?? -Infinity);
    return best > -50;
  }, hz);
}

/** How loud the app page's headset output is (its remote-audio element): the RMS of one analyser frame, 0 when silent. */
export function headsetLevel(page: Page): Promise<number> {
  return page.evaluate(() => {
    const element = document.querySelector<HTMLAudioElement>('audio[data-testid="remote-audio"]');
    const stream = element?.srcObject;
    if (!(stream instanceof MediaStream)) return 0;
    const w = window as unknown as { __level?: { stream: MediaStream; analyser: AnalyserNode } };
    if (w.__level?.stream !== stream) {
      const ctx = new AudioContext();
      void ctx.resume();
      const analyser = ctx.createAnalyser();
      analyser.fftSize = 2048;
      ctx.createMediaStreamSource(stream).connect(analyser);
      w.__level = { stream, analyser };
    }
    const samples = new Float32Array(w.__level.analyser.fftSize);
    w.__level.analyser.getFloatTimeDomainData(samples);
    return Math.sqrt(samples.reduce((sum, x) => sum + x * x, 0) / samples.length);
  });
}
