import { useTranslation } from '../../i18n';
import { useId } from 'react';
import type { AudioDevice, AudioDevices } from '../../audio/devices';

export type DeviceRole = 'microphoneId' | 'headsetId' | 'ringerId';

export interface AudioDevicesFormProps {
  readonly devices: AudioDevices;
  readonly chosen: Readonly<Record<DeviceRole, string>>;
  readonly canChooseOutput: boolean;
  readonly onChoose: (role: DeviceRole, deviceId: string) => void;
  readonly onTestRing: () => void;
}

const ROLES: readonly { role: DeviceRole; kind: 'inputs' | 'outputs' }[] = [
  { role: 'microphoneId', kind: 'inputs' },
  { role: 'headsetId', kind: 'outputs' },
  { role: 'ringerId', kind: 'outputs' },
];

/** Microphone, headset output and ring output, remembered; an unplugged choice falls back to the default and says so. */
export function AudioDevicesForm({ devices, chosen, canChooseOutput, onChoose, onTestRing }: AudioDevicesFormProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="settings-form devices" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('devices.title')}</h2>
      {ROLES.map(({ role, kind }) => {
        const list: readonly AudioDevice[] = devices[kind];
        const missing = chosen[role] !== '' && !list.some((d) => d.deviceId === chosen[role]);
        const disabled = kind === 'outputs' && !canChooseOutput;
        return (
          <div className="field" key={role}>
            <label htmlFor={`${id}-${role}`}>{t(`devices.${role}`)}</label>
            <select
              id={`${id}-${role}`}
              value={missing ? '' : chosen[role]}
              disabled={disabled}
              onChange={(e) => onChoose(role, e.target.value)}
            >
              <option value="">{t('devices.systemDefault')}</option>
              {list.map((d) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {d.label}
                </option>
              ))}
            </select>
            {missing && (
              <p className="hint warn" role="status">
                {t('devices.unplugged')}
              </p>
            )}
            {disabled && <p className="hint">{t('devices.outputNotSupported')}</p>}
          </div>
        );
      })}
      <button type="button" className="secondary" onClick={onTestRing}>
        {t('devices.testRing')}
      </button>
    </section>
  );
}
