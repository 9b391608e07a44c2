import { useTranslation } from '../../i18n';
import { RECORDING_LIMITS } from '../../../../shared/recording';
import type { FieldErrors, SettingsField } from './field-errors';
import type { SettingsDraft } from './SettingsForm';
import './settings-sections.css';

export interface RecordingSectionProps {
  /** The form's id prefix (from useId), so labels and hints stay unique on the page. */
  readonly id: string;
  readonly draft: SettingsDraft;
  readonly errors: FieldErrors;
  readonly onChange: (field: SettingsField, value: string) => void;
}

/** Call recording (issue 16): off unless the agent turns it on, and how long recordings are kept. */
export function RecordingSection({ id, draft, errors, onChange }: RecordingSectionProps) {
  const { t } = useTranslation();
  const error = errors.recordingRetentionDays;
  const field = `${id}-recordingRetentionDays`;
  return (
    <fieldset className="recording">
      <legend>{t('settings.recording.legend')}</legend>
      <div className="field checkbox">
        <label>
          <input
            type="checkbox"
            name="recordCalls"
            checked={draft.recordCalls}
            aria-describedby={`${id}-recordCalls-hint`}
            onChange={(e) => onChange('recordCalls', e.target.checked ? 'true' : 'false')}
          />{' '}
          {t('settings.recordCalls.label')}
        </label>
        <p className="hint" id={`${id}-recordCalls-hint`}>
          {t('settings.recordCalls.hint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={field}>{t('settings.recordingRetentionDays.label')}</label>
        <input
          id={field}
          name="recordingRetentionDays"
          className="short"
          type="number"
          min={RECORDING_LIMITS.retentionDaysMin}
          max={RECORDING_LIMITS.retentionDaysMax}
          step={1}
          value={draft.recordingRetentionDaysText}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${field}-hint ${field}-error`}
          onChange={(e) => onChange('recordingRetentionDays', e.target.value)}
        />
        <p className="hint" id={`${field}-hint`}>
          {t('settings.recordingRetentionDays.hint')}
        </p>
        {error && (
          <p className="error" id={`${field}-error`} role="alert">
            {t(error.key, error.params)}
          </p>
        )}
      </div>
    </fieldset>
  );
}
