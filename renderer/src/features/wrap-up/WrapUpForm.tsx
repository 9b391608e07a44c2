import { useTranslation } from '../../i18n';
import { useId, type FormEvent } from 'react';
import type { Locale } from '../../../../shared/locales';
import { PhraseWarnings } from '../../ui/PhraseWarnings';
import { WRAP_UP_LIMITS } from '../../../../shared/history';
import { TextLimit } from '../../ui/TextLimit';
import { dispositionLabel } from './disposition-label';
import { formatDuration } from '../../ui/format';
import type { SaveState } from '../../state/draft-saver';
import { isNextOption, NEXT_OPTIONS, type NextOption, type WrapUpValues } from './wrap-up-form';

export interface WrapUpFormProps {
  /** Who the call was with, when known. */
  readonly caller?: string;
  readonly values: WrapUpValues;
  readonly dispositions: readonly string[];
  readonly mandatory: boolean;
  /** Time left before wrap-up ends by itself; null when it lasts until the agent is ready. */
  readonly remainingMs: number | null;
  readonly elapsedMs: number;
  readonly extendsLeft: number;
  readonly next: NextOption;
  readonly saveState: SaveState;
  /** This wrap-up was left open when the app stopped and is back from storage. */
  readonly restored: boolean;
  /** The language the notes are checked in for phrases to avoid. */
  readonly language: Locale;
  /** The form started from the escalation's context (a fresh wrap-up of an escalated call). */
  readonly prefilled?: boolean;
  readonly finishing: boolean;
  readonly error?: string;
  readonly onChange: (values: WrapUpValues) => void;
  readonly onNext: (next: NextOption) => void;
  readonly onExtend: () => void;
  readonly onReady: () => void;
}

/** After-call work: disposition, notes, callback, the countdown and where the agent goes next. Props only. */
export function WrapUpForm(props: WrapUpFormProps) {
  const { values, dispositions, mandatory, remainingMs, next, onChange } = props;
  const { t } = useTranslation();
  const id = useId();
  const ready = !props.finishing && (!mandatory || values.disposition.trim() !== '');
  const set = (field: keyof WrapUpValues) => (event: { currentTarget: { value: string } }) =>
    onChange({ ...values, [field]: event.currentTarget.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) props.onReady();
  };
  // A restored draft may carry a code since taken off the list: keep it choosable.
  const codes =
    values.disposition && !dispositions.includes(values.disposition) ? [values.disposition, ...dispositions] : dispositions;

  return (
    <form className="wrap-up-form" aria-labelledby={`${id}-title`} onSubmit={submit} noValidate data-focus-home="2">
      <header className="wrap-up-head">
        <h2 id={`${id}-title`}>{t(props.restored ? 'wrapUp.restoredTitle' : 'wrapUp.title')}</h2>
        {props.caller && <p className="wrap-up-caller">{t('wrapUp.caller', { caller: props.caller })}</p>}
        <p className="wrap-up-timer" role="timer" aria-live="off" data-testid="wrap-up-countdown">
          {remainingMs === null
            ? t('wrapUp.untilReady', { time: formatDuration(props.elapsedMs) })
            : remainingMs > 0
              ? t('wrapUp.remaining', { time: formatDuration(Math.ceil(remainingMs / 1000) * 1000) })
              : t(mandatory ? 'wrapUp.overdueMandatory' : 'wrapUp.ending')}
        </p>
      </header>
      {props.restored && <p className="hint">{t('wrapUp.restoredHint')}</p>}
      {props.prefilled && <p className="hint">{t('wrapUp.prefilled')}</p>}
      <p className="hint">{t('wrapUp.hint')}</p>

      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-disposition`}>{t(mandatory ? 'wrapUp.dispositionRequired' : 'wrapUp.disposition')}</label>
          <select id={`${id}-disposition`} value={values.disposition} aria-required={mandatory} onChange={set('disposition')}>
            <option value="">{t('wrapUp.noDisposition')}</option>
            {codes.map((code) => (
              <option key={code} value={code}>
                {dispositionLabel(t, code)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-next`}>{t('wrapUp.next')}</label>
          <select
            id={`${id}-next`}
            value={next}
            onChange={(e) => isNextOption(e.currentTarget.value) && props.onNext(e.currentTarget.value)}
          >
            {NEXT_OPTIONS.map((option) => (
              <option key={option} value={option}>
                {option === 'available'
                  ? t('wrapUp.nextAvailable')
                  : t('wrapUp.nextBreak', { reason: t(`breakReason.${option.slice('break:'.length)}`) })}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div className="field">
        <label htmlFor={`${id}-notes`}>{t('wrapUp.notes')}</label>
        <textarea
          id={`${id}-notes`}
          rows={5}
          maxLength={WRAP_UP_LIMITS.notes}
          value={values.notes}
          aria-describedby={`${id}-notes-warnings`}
          onChange={set('notes')}
        />
        <TextLimit fieldId={`${id}-notes`} length={values.notes.length} max={WRAP_UP_LIMITS.notes} />
        <div id={`${id}-notes-warnings`}>
          <PhraseWarnings text={values.notes} language={props.language} />
        </div>
      </div>

      <fieldset className="field-row wrap-up-callback">
        <legend>{t('wrapUp.callback')}</legend>
        <div className="field">
          <label htmlFor={`${id}-callback-at`}>{t('wrapUp.callbackAt')}</label>
          <input id={`${id}-callback-at`} type="datetime-local" value={values.callbackAt} onChange={set('callbackAt')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-callback-number`}>{t('wrapUp.callbackNumber')}</label>
          <input
            id={`${id}-callback-number`}
            type="tel"
            maxLength={WRAP_UP_LIMITS.followUpNumber}
            value={values.callbackNumber}
            onChange={set('callbackNumber')}
          />
          <p className="hint">{t('wrapUp.callbackHint')}</p>
        </div>
      </fieldset>

      {props.error && (
        <p className="error" role="alert">
          {t('wrapUp.finishFailed', { message: props.error })}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={!ready} data-shortcut="ready">
          {t('wrapUp.ready')}
        </button>
        <button
          type="button"
          className="secondary"
          data-shortcut="extend"
          disabled={remainingMs === null || props.extendsLeft <= 0 || props.finishing}
          onClick={props.onExtend}
        >
          {t('wrapUp.extend', { left: props.extendsLeft })}
        </button>
        <p className={`save-status ${props.saveState}`} role="status" data-testid="wrap-up-save-state">
          {props.saveState === 'idle' ? '' : t(`wrapUp.save.${props.saveState}`)}
        </p>
      </div>
    </form>
  );
}
