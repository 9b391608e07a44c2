import { useTranslation } from '../../i18n';
import type { ReactNode } from 'react';
import { QUEUE_PAUSE_STRATEGIES, SETTINGS_LIMITS } from '../../../../shared/settings';
import type { FieldErrors, SettingsField } from './field-errors';
import type { SettingsDraft } from './SettingsForm';
import './settings-sections.css';

export interface AfterCallFieldsProps {
  /** The form's id prefix (from useId), so labels and hints stay unique on the page. */
  readonly id: string;
  readonly draft: SettingsDraft;
  readonly errors: FieldErrors;
  readonly onChange: (field: SettingsField, value: string) => void;
}

/** One labelled control with its hint and error, wired for screen readers. */
function Field({
  id,
  field,
  errors,
  hint,
  children,
}: {
  readonly id: string;
  readonly field: SettingsField;
  readonly errors: FieldErrors;
  readonly hint: boolean;
  readonly children: ReactNode;
}) {
  const { t } = useTranslation();
  const error = errors[field];
  return (
    <div className="field">
      <label htmlFor={`${id}-${field}`}>{t(`settings.${field}.label`)}</label>
      {children}
      {hint && (
        <p className="hint" id={`${id}-${field}-hint`}>
          {t(`settings.${field}.hint`)}
        </p>
      )}
      {error && (
        <p className="error" id={`${id}-${field}-error`} role="alert">
          {t(error.key, error.params)}
        </p>
      )}
    </div>
  );
}

/**
 * How calls are handled: the call targets the assistant measures against, and the after-call
 * work settings (countdowns, disposition codes, how the agent is paused in the queues).
 */
export function AfterCallFields({ id, draft, errors, onChange }: AfterCallFieldsProps) {
  const { t } = useTranslation();
  const described = (field: SettingsField) => ({
    id: `${id}-${field}`,
    name: field,
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': `${id}-${field}-hint ${id}-${field}-error`,
  });
  const seconds = (field: 'wrapUpSeconds' | 'escalatedWrapUpSeconds' | 'callTargetSeconds', value: string) => (
    <input
      {...described(field)}
      className="short"
      type="number"
      min={field === 'callTargetSeconds' ? 30 : 0}
      max={field === 'callTargetSeconds' ? SETTINGS_LIMITS.callTargetSeconds : SETTINGS_LIMITS.wrapUpSeconds}
      step={1}
      value={value}
      onChange={(e) => onChange(field, e.target.value)}
    />
  );
  return (
    <>
      <fieldset className="call-targets">
        <legend>{t('settings.callTargets.legend')}</legend>
        <Field id={id} field="callTargetSeconds" errors={errors} hint>
          {seconds('callTargetSeconds', draft.callTargetSecondsText)}
        </Field>
        <Field id={id} field="queueTargets" errors={errors} hint>
          <textarea
            {...described('queueTargets')}
            rows={3}
            spellCheck={false}
            value={draft.queueTargetsText}
            onChange={(e) => onChange('queueTargets', e.target.value)}
          />
        </Field>
      </fieldset>
      <fieldset className="after-call">
        <legend>{t('settings.afterCall.legend')}</legend>
        <Field id={id} field="wrapUpSeconds" errors={errors} hint>
          {seconds('wrapUpSeconds', draft.wrapUpSecondsText)}
        </Field>
        <Field id={id} field="escalatedWrapUpSeconds" errors={errors} hint>
          {seconds('escalatedWrapUpSeconds', draft.escalatedWrapUpSecondsText)}
        </Field>
        <Field id={id} field="queueWrapUps" errors={errors} hint>
          <textarea
            {...described('queueWrapUps')}
            rows={3}
            spellCheck={false}
            value={draft.queueWrapUpsText}
            onChange={(e) => onChange('queueWrapUps', e.target.value)}
          />
        </Field>
        <div className="field checkbox">
          <label>
            <input
              type="checkbox"
              name="wrapUpMandatory"
              checked={draft.wrapUpMandatory}
              onChange={(e) => onChange('wrapUpMandatory', e.target.checked ? 'true' : 'false')}
            />{' '}
            {t('settings.wrapUpMandatory.label')}
          </label>
        </div>
        <Field id={id} field="dispositions" errors={errors} hint>
          <textarea
            {...described('dispositions')}
            rows={5}
            spellCheck={false}
            value={draft.dispositionsText}
            onChange={(e) => onChange('dispositions', e.target.value)}
          />
        </Field>
        <Field id={id} field="queuePause" errors={errors} hint>
          <select {...described('queuePause')} value={draft.queuePause} onChange={(e) => onChange('queuePause', e.target.value)}>
            {QUEUE_PAUSE_STRATEGIES.map((strategy) => (
              <option key={strategy} value={strategy}>
                {t(`settings.queuePause.${strategy}`)}
              </option>
            ))}
          </select>
        </Field>
        {draft.queuePause === 'feature-code' &&
          (['pauseCode', 'unpauseCode'] as const).map((field) => (
            <Field key={field} id={id} field={field} errors={errors} hint={false}>
              <input
                {...described(field)}
                className="short"
                type="text"
                autoComplete="off"
                spellCheck={false}
                maxLength={SETTINGS_LIMITS.featureCode}
                value={draft[field]}
                onChange={(e) => onChange(field, e.target.value)}
              />
            </Field>
          ))}
      </fieldset>
    </>
  );
}
