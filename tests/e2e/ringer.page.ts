/**
 * The ringer alone in a page, for ringer-release.test.ts: the real Ringer on a real media element,
 * the element kept (`window.ringerAudio`) so the test can see whether it holds its ringtone.
 */
import { Ringer } from '../../renderer/src/audio/ringer';

declare global {
  interface Window {
    ringer: Ringer;
    ringerAudio: HTMLAudioElement;
  }
}

// The ringer makes its element with doc.createElement; this document hands out real elements and keeps the audio one.
const doc = {
  createElement(tag: string): HTMLElement {
    const element = document.createElement(tag);
    if (element instanceof HTMLAudioElement) window.ringerAudio = element;
    return element;
  },
} as unknown as Document;
window.ringer = new Ringer(doc);
