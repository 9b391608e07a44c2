/**
 * The microphone for calls: the chosen device when it is plugged in, else the default. The
 * last stream is kept so the level meter shows what the far end hears.
 */
export class Microphone {
  #deviceId = '';
  #current: MediaStream | undefined;
  readonly #listeners = new Set<(stream: MediaStream | undefined) => void>();

  setDevice(deviceId: string): void {
    this.#deviceId = deviceId;
  }

  readonly open = async (): Promise<MediaStream> => {
    const audio: MediaTrackConstraints = {
      echoCancellation: true,
      noiseSuppression: true,
      autoGainControl: true,
      ...(this.#deviceId ? { deviceId: { exact: this.#deviceId } } : {}),
    };
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio, video: false });
    } catch (error) {
      // The chosen headset was unplugged: take the default rather than fail the call.
      if (!this.#deviceId) throw error;
      stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    }
    this.#current = stream;
    for (const listener of this.#listeners) listener(stream);
    return stream;
  };

  get current(): MediaStream | undefined {
    return this.#current?.active ? this.#current : undefined;
  }

  onStream(listener: (stream: MediaStream | undefined) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
