import { useTranslation } from '../../i18n';
import { useState, type FormEvent } from 'react';
import { MAX_DIAL_INPUT } from '../../../../shared/dialing/limits';
import { Keypad } from '../calls/Keypad';

export interface DialerProps {
  readonly disabled: boolean;
  /** A number handed in from outside (a tel: link); the agent still presses Call. */
  readonly initial?: string;
  readonly onDial: (input: string) => void;
}

/** Typed, pasted or tapped numbers; normalised when dialled (the store does that with the default country). */
export function Dialer({ disabled, initial = '', onDial }: DialerProps) {
  const { t } = useTranslation();
  const [input, setInput] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (input.trim() !== '') onDial(input);
  };
  return (
    <form className="dialer" onSubmit={submit} aria-label={t('dialer.region')} data-focus-home="4">
      <label htmlFor="dial-input">{t('dialer.label')}</label>
      <div className="dial-row">
        <input
          id="dial-input"
          data-shortcut="dial"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          maxLength={MAX_DIAL_INPUT}
          value={input}
          placeholder={t('dialer.placeholder')}
          onChange={(e) => setInput(e.target.value)}
        />
        <button type="submit" className="answer" disabled={disabled || input.trim() === ''}>
          {t('dialer.call')}
        </button>
      </div>
      <Keypad label={t('dialer.keypad')} onKey={(key) => setInput((v) => (v + key).slice(0, MAX_DIAL_INPUT))} />
    </form>
  );
}
