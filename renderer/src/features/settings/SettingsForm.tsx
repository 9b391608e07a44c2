import { useTranslation } from '../../i18n';
import { useId, type FormEvent } from 'react';
import { LANGUAGE_NAMES, LOCALES, type Locale } from '../../../../shared/locales';
import { DTMF_MODES, type DtmfMode, type QueuePauseStrategy } from '../../../../shared/settings';
import { AfterCallFields } from './AfterCallFields';
import { RecordingSection } from './RecordingSection';
import type { FieldErrors, SettingsField } from './field-errors';

export interface SettingsDraft {
  readonly serverUrl: string;
  readonly sipUri: string;
  readonly authUser: string;
  readonly password: string;
  readonly displayName: string;
  readonly language: Locale;
  readonly defaultCountry: string;
  readonly iceServersText: string;
  readonly dtmfMode: DtmfMode;
  readonly seniorQueue: string;
  readonly technicalQueue: string;
  readonly teamKey: string;
  /** Colleagues' SIP users, separated by commas, spaces or lines. */
  readonly teamMembersText: string;
  /** After-call work: seconds as typed, the mandatory switch, one disposition code a line. */
  readonly wrapUpSecondsText: string;
  readonly escalatedWrapUpSecondsText: string;
  /** One `queue = seconds` a line. */
  readonly queueWrapUpsText: string;
  readonly callTargetSecondsText: string;
  /** One `queue = seconds` a line. */
  readonly queueTargetsText: string;
  readonly wrapUpMandatory: boolean;
  readonly dispositionsText: string;
  readonly queuePause: QueuePauseStrategy;
  readonly pauseCode: string;
  readonly unpauseCode: string;
  /** Recording: the opt-in switch and the retention period in days, as typed. */
  readonly recordCalls: boolean;
  readonly recordingRetentionDaysText: string;
}

export type SaveStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'failed'; readonly message: string };

/** Where the host keeps the SIP password and team key: stored (encrypted), or in its memory until Warmline stops. */
export type SecretsKept = 'stored' | 'memory';

export interface SettingsFormProps {
  readonly draft: SettingsDraft;
  readonly passwordSet: boolean;
  readonly teamKeySet: boolean;
  /** Until the host has said (undefined), the form says nothing about the password and team key. */
  readonly secrets: SecretsKept | undefined;
  readonly errors: FieldErrors;
  readonly status: SaveStatus;
  /** Sign-in changes (server, address, password, name) wait for the calls to end: the form says so. */
  readonly signInWaitsForCalls?: boolean;
  readonly onChange: (field: SettingsField, value: string) => void;
  readonly onSubmit: () => void;
}

const TEXT_FIELDS = [
  { field: 'serverUrl', type: 'url', autoComplete: 'url', hint: true },
  { field: 'sipUri', type: 'text', autoComplete: 'username', hint: true },
  { field: 'authUser', type: 'text', autoComplete: 'off', hint: true },
  { field: 'password', type: 'password', autoComplete: 'current-password', hint: false },
  { field: 'displayName', type: 'text', autoComplete: 'name', hint: true },
] as const;

const ESCALATION_FIELDS = [
  { field: 'seniorQueue', type: 'text', autoComplete: 'off', hint: true },
  { field: 'technicalQueue', type: 'text', autoComplete: 'off', hint: true },
  { field: 'teamKey', type: 'password', autoComplete: 'off', hint: false },
] as const;

/** The words under the password or team key box: whether one is set, and whether it outlives this session. */
function secretHintKey(field: 'password' | 'teamKey', set: boolean, secrets: SecretsKept | undefined) {
  if (!secrets) return undefined;
  if (set) return secrets === 'memory' ? `settings.${field}.inMemory` : `settings.${field}.stored`;
  // No team key: unverified notes either way; no password: where one typed would go.
  return field === 'password' && secrets === 'memory' ? 'settings.password.notInMemory' : `settings.${field}.notStored`;
}

/** The sign-in and settings form; props only, so it is tested and reviewed alone. */
export function SettingsForm({
  draft,
  passwordSet,
  teamKeySet,
  secrets,
  errors,
  status,
  signInWaitsForCalls = false,
  onChange,
  onSubmit,
}: SettingsFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  const errorText = (field: SettingsField) => {
    const error = errors[field];
    return error ? t(error.key, error.params) : undefined;
  };

  return (
    <form className="settings-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('settings.title')}</h1>
      <p className="intro">{t('settings.intro')}</p>
      {[...TEXT_FIELDS, ...ESCALATION_FIELDS].map(({ field, type, autoComplete, hint }) => {
        const error = errorText(field);
        const secretKey =
          field === 'password' || field === 'teamKey'
            ? secretHintKey(field, field === 'password' ? passwordSet : teamKeySet, secrets)
            : undefined;
        const hintText = secretKey ? t(secretKey) : hint ? t(`settings.${field}.hint`) : undefined;
        return (
          <div className="field" key={field}>
            <label htmlFor={`${id}-${field}`}>{t(`settings.${field}.label`)}</label>
            <input
              id={`${id}-${field}`}
              name={field}
              type={type}
              autoComplete={autoComplete}
              spellCheck={false}
              value={draft[field]}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${id}-${field}-hint ${id}-${field}-error`}
              onChange={(e) => onChange(field, e.target.value)}
            />
            {hintText && (
              <p className="hint" id={`${id}-${field}-hint`}>
                {hintText}
              </p>
            )}
            {error && (
              <p className="error" id={`${id}-${field}-error`} role="alert">
                {error}
              </p>
            )}
          </div>
        );
      })}
      <div className="field">
        <label htmlFor={`${id}-teamMembers`}>{t('settings.teamMembers.label')}</label>
        <input
          id={`${id}-teamMembers`}
          name="teamMembers"
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={draft.teamMembersText}
          aria-invalid={errorText('teamMembers') ? true : undefined}
          aria-describedby={`${id}-teamMembers-hint ${id}-teamMembers-error`}
          onChange={(e) => onChange('teamMembers', e.target.value)}
        />
        <p className="hint" id={`${id}-teamMembers-hint`}>
          {t('settings.teamMembers.hint')}
        </p>
        {errorText('teamMembers') && (
          <p className="error" id={`${id}-teamMembers-error`} role="alert">
            {errorText('teamMembers')}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-defaultCountry`}>{t('settings.defaultCountry.label')}</label>
        <input
          id={`${id}-defaultCountry`}
          name="defaultCountry"
          className="short"
          maxLength={2}
          autoComplete="country"
          value={draft.defaultCountry}
          aria-invalid={errors.defaultCountry ? true : undefined}
          aria-describedby={`${id}-defaultCountry-hint`}
          onChange={(e) => onChange('defaultCountry', e.target.value.toUpperCase())}
        />
        <p className="hint" id={`${id}-defaultCountry-hint`}>
          {t('settings.defaultCountry.hint')}
        </p>
        {errors.defaultCountry && (
          <p className="error" role="alert">
            {errorText('defaultCountry')}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-iceServers`}>{t('settings.iceServers.label')}</label>
        <textarea
          id={`${id}-iceServers`}
          name="iceServers"
          rows={2}
          spellCheck={false}
          value={draft.iceServersText}
          aria-invalid={errors.iceServers ? true : undefined}
          aria-describedby={`${id}-iceServers-hint`}
          onChange={(e) => onChange('iceServers', e.target.value)}
        />
        <p className="hint" id={`${id}-iceServers-hint`}>
          {t('settings.iceServers.hint')}
        </p>
        {errors.iceServers && (
          <p className="error" role="alert">
            {errorText('iceServers')}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-dtmfMode`}>{t('settings.dtmfMode.label')}</label>
        <select
          id={`${id}-dtmfMode`}
          name="dtmfMode"
          value={draft.dtmfMode}
          onChange={(e) => onChange('dtmfMode', e.target.value)}
        >
          {DTMF_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {t(`settings.dtmfMode.${mode}`)}
            </option>
          ))}
        </select>
      </div>
      <AfterCallFields id={id} draft={draft} errors={errors} onChange={onChange} />
      <RecordingSection id={id} draft={draft} errors={errors} onChange={onChange} />
      <div className="field">
        <label htmlFor={`${id}-language`}>{t('settings.language.label')}</label>
        <select
          id={`${id}-language`}
          name="language"
          value={draft.language}
          onChange={(e) => onChange('language', e.target.value)}
        >
          {LOCALES.map((locale) => (
            <option key={locale} value={locale} lang={locale}>
              {LANGUAGE_NAMES[locale]}
            </option>
          ))}
        </select>
      </div>
      {signInWaitsForCalls && (
        <p className="hint sign-in-waits" data-testid="sign-in-waits">
          {t('settings.signInAfterCalls')}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={status.kind === 'saving'}>
          {t(status.kind === 'saving' ? 'settings.saving' : 'settings.save')}
        </button>
        <p className={`save-status ${status.kind}`} role="status" aria-live="polite">
          {status.kind === 'saved' && t('settings.saved')}
          {status.kind === 'invalid' && t('settings.invalid')}
          {status.kind === 'failed' && t('settings.saveFailed', { message: status.message })}
        </p>
      </div>
    </form>
  );
}
