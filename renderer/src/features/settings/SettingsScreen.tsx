import { useState } from 'react';
import { settingsPatchSchema, type SettingsView } from '../../../../shared/settings';
import { isLocale } from '../../../../shared/locales';
import { DTMF_MODES, QUEUE_PAUSE_STRATEGIES, type DtmfMode, type QueuePauseStrategy } from '../../../../shared/settings';
import { formatQueueSecondsText, parseQueueSecondsText } from './queue-seconds-text';
import type { HostApi } from '../../host';
import { setLanguage } from '../../i18n';
import { formatIceServersText, parseIceServersText } from './ice-servers-text';
import { toFieldErrors, type FieldErrors, type SettingsField } from './field-errors';
import { SettingsForm, type SaveStatus, type SettingsDraft } from './SettingsForm';
import { TeamPhrasesSettings } from '../assist/TeamPhrasesSettings';
import { DialLinksPanel } from './DialLinksSection';
import { SupervisorSettings } from './SupervisorSettings';
import { PasswordStorageNote, secretsKept, useSecretKeeping } from './PasswordStorageNotice';

export interface SettingsScreenProps {
  readonly host: HostApi;
  readonly initial: SettingsView;
  readonly onSaved: (view: SettingsView) => void;
  /** Team phrases change no connection setting: taking them must not sign the phone in again. */
  readonly onTeamPhrasesSaved: (view: SettingsView) => void;
  /** A call is up (or a saved sign-in change waits for it): sign-in changes apply when the calls end. */
  readonly signInWaitsForCalls?: boolean;
}

function draftFrom(view: SettingsView): SettingsDraft {
  return {
    serverUrl: view.serverUrl,
    sipUri: view.sipUri,
    authUser: view.authUser,
    password: '',
    displayName: view.displayName,
    language: view.language,
    defaultCountry: view.defaultCountry,
    iceServersText: formatIceServersText(view.iceServers),
    dtmfMode: view.dtmfMode,
    seniorQueue: view.seniorQueue,
    technicalQueue: view.technicalQueue,
    teamKey: '',
    teamMembersText: view.teamMembers.join(', '),
    wrapUpSecondsText: String(view.wrapUpSeconds),
    escalatedWrapUpSecondsText: String(view.escalatedWrapUpSeconds),
    queueWrapUpsText: formatQueueSecondsText(view.queueWrapUps),
    callTargetSecondsText: String(view.callTargetSeconds),
    queueTargetsText: formatQueueSecondsText(view.queueTargets),
    wrapUpMandatory: view.wrapUpMandatory,
    queuePause: view.queuePause,
    pauseCode: view.pauseCode,
    unpauseCode: view.unpauseCode,
    dispositionsText: view.dispositions.join('\n'),
    recordCalls: view.recordCalls,
    recordingRetentionDaysText: String(view.recordingRetentionDays),
  };
}

/** One code a line; blank lines and surrounding spaces are not codes. */
const parseDispositions = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

const isQueuePauseStrategy = (value: string): value is QueuePauseStrategy =>
  (QUEUE_PAUSE_STRATEGIES as readonly string[]).includes(value);

/** An empty or malformed number is NaN, which the schema refuses like any other bad value. */
const secondsOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

const isDtmfMode = (value: string): value is DtmfMode => (DTMF_MODES as readonly string[]).includes(value);

/** Container: holds the draft, checks it with the shared schema, saves through the host. */
export function SettingsScreen({ host, initial, onSaved, onTeamPhrasesSaved, signInWaitsForCalls = false }: SettingsScreenProps) {
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFrom(initial));
  const [passwordSet, setPasswordSet] = useState(initial.passwordSet);
  const [teamKeySet, setTeamKeySet] = useState(initial.teamKeySet);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const keeping = useSecretKeeping(host);

  const onChange = (field: SettingsField, value: string) => {
    setDraft((d) => {
      switch (field) {
        case 'language':
          return isLocale(value) ? { ...d, language: value } : d;
        case 'dtmfMode':
          return isDtmfMode(value) ? { ...d, dtmfMode: value } : d;
        case 'iceServers':
          return { ...d, iceServersText: value };
        case 'wrapUpSeconds':
          return { ...d, wrapUpSecondsText: value };
        case 'escalatedWrapUpSeconds':
          return { ...d, escalatedWrapUpSecondsText: value };
        case 'queueWrapUps':
          return { ...d, queueWrapUpsText: value };
        case 'callTargetSeconds':
          return { ...d, callTargetSecondsText: value };
        case 'queueTargets':
          return { ...d, queueTargetsText: value };
        case 'wrapUpMandatory':
          return { ...d, wrapUpMandatory: value === 'true' };
        case 'queuePause':
          return isQueuePauseStrategy(value) ? { ...d, queuePause: value } : d;
        case 'dispositions':
          return { ...d, dispositionsText: value };
        case 'teamMembers':
          return { ...d, teamMembersText: value };
        case 'recordCalls':
          return { ...d, recordCalls: value === 'true' };
        case 'recordingRetentionDays':
          return { ...d, recordingRetentionDaysText: value };
        default:
          return { ...d, [field]: value };
      }
    });
    setErrors((e) => ({ ...e, [field]: undefined }));
    setStatus({ kind: 'idle' });
  };

  const onSubmit = async () => {
    const {
      password,
      teamKey,
      iceServersText,
      wrapUpSecondsText,
      escalatedWrapUpSecondsText,
      queueWrapUpsText,
      callTargetSecondsText,
      queueTargetsText,
      dispositionsText,
      teamMembersText,
      recordingRetentionDaysText,
      ...fields
    } = draft;
    // Secrets are sent only when typed: an empty box means "keep the stored one".
    const patch = {
      ...fields,
      iceServers: parseIceServersText(iceServersText),
      wrapUpSeconds: secondsOf(wrapUpSecondsText),
      escalatedWrapUpSeconds: secondsOf(escalatedWrapUpSecondsText),
      queueWrapUps: parseQueueSecondsText(queueWrapUpsText),
      callTargetSeconds: secondsOf(callTargetSecondsText),
      queueTargets: parseQueueSecondsText(queueTargetsText),
      dispositions: parseDispositions(dispositionsText),
      teamMembers: [...new Set(teamMembersText.split(/[\s,;]+/).filter((u) => u !== ''))],
      recordingRetentionDays: secondsOf(recordingRetentionDaysText),
      ...(password === '' ? {} : { password }),
      ...(teamKey === '' ? {} : { teamKey }),
    };
    // The same schema the host enforces: instant feedback here, and the host still refuses anything that slips by.
    const checked = settingsPatchSchema.safeParse(patch);
    if (!checked.success) {
      setErrors(toFieldErrors(checked.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))));
      setStatus({ kind: 'invalid' });
      return;
    }
    setStatus({ kind: 'saving' });
    const result = await host.saveSettings(checked.data);
    if (!result.ok) {
      if (result.error.code === 'invalid-input') {
        setErrors(toFieldErrors(result.error.issues));
        setStatus({ kind: 'invalid' });
      } else setStatus({ kind: 'failed', message: result.error.message });
      return;
    }
    setDraft(draftFrom(result.value));
    setPasswordSet(result.value.passwordSet);
    setTeamKeySet(result.value.teamKeySet);
    setErrors({});
    setStatus({ kind: 'saved' });
    await setLanguage(result.value.language);
    onSaved(result.value);
  };

  return (
    <>
      <PasswordStorageNote keeping={keeping} />
      <SettingsForm
        draft={draft}
        passwordSet={passwordSet}
        teamKeySet={teamKeySet}
        secrets={keeping && secretsKept(keeping)}
        errors={errors}
        status={status}
        signInWaitsForCalls={signInWaitsForCalls}
        onChange={onChange}
        onSubmit={() => void onSubmit()}
      />
      <TeamPhrasesSettings host={host} initial={initial.teamPhrases} onSaved={onTeamPhrasesSaved} />
      <SupervisorSettings host={host} initial={initial.supervisor} onSaved={onTeamPhrasesSaved} />
      <DialLinksPanel />
    </>
  );
}
