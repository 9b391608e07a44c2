const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

export interface KeypadProps {
  readonly onKey: (key: string) => void;
  readonly label: string;
  readonly disabled?: boolean;
}

/** The twelve keys, for dialling and for DTMF during a call (IVRs, card payments). */
export function Keypad({ onKey, label, disabled = false }: KeypadProps) {
  const { t } = useTranslation();
  return (
    <div className="keypad" role="group" aria-label={label}>
      {KEYS.map((key) => (
        <button key={key} type="button" disabled={disabled} onClick={() => onKey(key)} aria-label={t('keypad.key', { key })}>
          {key}
        </button>
      ))}
    </div>
  );
}
import { useTranslation } from '../../i18n';
