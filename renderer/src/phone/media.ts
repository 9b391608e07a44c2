/** Plays the active call into the headset element; autoplay refusals are the app's to handle. */
export function playRemote(element: HTMLMediaElement | undefined, stream: MediaStream | undefined): void {
  if (!element || !stream || element.srcObject === stream) return;
  element.srcObject = stream;
  element.play().catch(() => {
    // The first ring of the day may need a user gesture (autoplay rules); media still flows.
  });
}

/** The microphone for a call: the caller's stream, the app's device choice, or the default mic. */
export async function localStream(
  given: MediaStream | undefined,
  acquire: (() => Promise<MediaStream>) | undefined,
): Promise<MediaStream | undefined> {
  if (given) return given;
  try {
    return await (acquire?.() ?? navigator.mediaDevices.getUserMedia({ audio: true, video: false }));
  } catch {
    return undefined;
  }
}
