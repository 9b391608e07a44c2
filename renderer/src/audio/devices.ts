export interface AudioDevice {
  readonly deviceId: string;
  readonly label: string;
}

export interface AudioDevices {
  readonly inputs: readonly AudioDevice[];
  readonly outputs: readonly AudioDevice[];
}

/** Labels are empty until the page has microphone permission; the UI then shows a numbered name. */
export async function listAudioDevices(media: MediaDevices = navigator.mediaDevices): Promise<AudioDevices> {
  const all = await media.enumerateDevices();
  const pick = (kind: MediaDeviceKind) =>
    all
      .filter((d) => d.kind === kind && d.deviceId !== '' && d.deviceId !== 'default' && d.deviceId !== 'communications')
      .map((d, i) => ({
        deviceId: d.deviceId,
        label: d.label || `${kind === 'audioinput' ? 'Microphone' : 'Speaker'} ${i + 1}`,
      }));
  return { inputs: pick('audioinput'), outputs: pick('audiooutput') };
}

/** Hot-plug: headsets come and go during a shift. */
export function onDevicesChanged(listener: () => void, media: MediaDevices = navigator.mediaDevices): () => void {
  media.addEventListener('devicechange', listener);
  return () => media.removeEventListener('devicechange', listener);
}

/** The chosen device if it is still plugged in, else the system default (empty id). */
export function usableDevice(chosen: string, available: readonly AudioDevice[]): string {
  return chosen !== '' && available.some((d) => d.deviceId === chosen) ? chosen : '';
}
