import type { HostError } from '../../../../shared/result';
import { SETTINGS_LIMITS, VALIDATION } from '../../../../shared/settings';

const FIELDS = [
  'serverUrl',
  'sipUri',
  'authUser',
  'password',
  'displayName',
  'language',
  'defaultCountry',
  'iceServers',
  'dtmfMode',
  'seniorQueue',
  'technicalQueue',
  'teamKey',
  'wrapUpSeconds',
  'wrapUpMandatory',
  'escalatedWrapUpSeconds',
  'queueWrapUps',
  'callTargetSeconds',
  'queueTargets',
  'queuePause',
  'pauseCode',
  'unpauseCode',
  'dispositions',
  'teamMembers',
  'recordCalls',
  'recordingRetentionDays',
] as const;

export type SettingsField = (typeof FIELDS)[number];
const LIMITED = {
  serverUrl: SETTINGS_LIMITS.serverUrl,
  sipUri: SETTINGS_LIMITS.sipUri,
  authUser: SETTINGS_LIMITS.authUser,
  password: SETTINGS_LIMITS.password,
  displayName: SETTINGS_LIMITS.displayName,
  iceServers: SETTINGS_LIMITS.iceUrl,
  seniorQueue: SETTINGS_LIMITS.queueAddress,
  technicalQueue: SETTINGS_LIMITS.queueAddress,
  teamKey: SETTINGS_LIMITS.teamKey,
  dispositions: SETTINGS_LIMITS.disposition,
  queueWrapUps: SETTINGS_LIMITS.queueName,
  queueTargets: SETTINGS_LIMITS.queueName,
  pauseCode: SETTINGS_LIMITS.featureCode,
  unpauseCode: SETTINGS_LIMITS.featureCode,
} as const;

/** A field's problem as a translation key and its parameters. */
export interface FieldError {
  readonly key: string;
  readonly params?: Readonly<Record<string, number>>;
}

export type FieldErrors = Readonly<Partial<Record<SettingsField, FieldError>>>;

const KNOWN = new Set<string>(Object.values(VALIDATION));

function isField(path: string): path is SettingsField {
  return (FIELDS as readonly string[]).includes(path);
}

/** Turns the shared schema's issue codes (from the UI's own check or from the host) into translatable errors. */
export function toFieldErrors(issues: HostError['issues'] = []): FieldErrors {
  const errors: Partial<Record<SettingsField, FieldError>> = {};
  for (const issue of issues) {
    const field = issue.path.split('.')[0] ?? '';
    if (!isField(field) || errors[field]) continue;
    if (!KNOWN.has(issue.message)) errors[field] = { key: 'validation.invalid' };
    else if (issue.message === VALIDATION.tooLong && field in LIMITED)
      errors[field] = { key: 'validation.tooLong', params: { max: LIMITED[field as keyof typeof LIMITED] } };
    else errors[field] = { key: `validation.${issue.message}` };
  }
  return errors;
}
