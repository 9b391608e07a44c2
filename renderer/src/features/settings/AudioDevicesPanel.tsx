import { useEffect, useState } from 'react';
import type { SettingsView } from '../../../../shared/settings';
import { listAudioDevices, onDevicesChanged, type AudioDevices } from '../../audio/devices';
import type { Ringer } from '../../audio/ringer';
import type { HostApi } from '../../host';
import { AudioDevicesForm, type DeviceRole } from './AudioDevicesForm';

export interface AudioDevicesPanelProps {
  readonly host: HostApi;
  readonly settings: SettingsView;
  readonly ringer: Ringer;
  readonly onSaved: (view: SettingsView) => void;
}

const NONE: AudioDevices = { inputs: [], outputs: [] };
const TEST_RING_MS = 3000;

/** Container: lists devices (again on every plug and unplug), saves a choice at once. */
export function AudioDevicesPanel({ host, settings, ringer, onSaved }: AudioDevicesPanelProps) {
  const [devices, setDevices] = useState<AudioDevices>(NONE);
  useEffect(() => {
    let live = true;
    const refresh = () =>
      void listAudioDevices().then(
        (d) => live && setDevices(d),
        () => undefined,
      );
    refresh();
    const stop = onDevicesChanged(refresh);
    return () => {
      live = false;
      stop();
    };
  }, []);

  const choose = async (role: DeviceRole, deviceId: string) => {
    const result = await host.saveSettings({ [role]: deviceId });
    if (result.ok) onSaved(result.value);
  };

  return (
    <AudioDevicesForm
      devices={devices}
      chosen={{ microphoneId: settings.microphoneId, headsetId: settings.headsetId, ringerId: settings.ringerId }}
      canChooseOutput={'setSinkId' in HTMLMediaElement.prototype}
      onChoose={(role, id) => void choose(role, id)}
      onTestRing={() => {
        void ringer.start();
        setTimeout(() => ringer.stop(), TEST_RING_MS);
      }}
    />
  );
}
