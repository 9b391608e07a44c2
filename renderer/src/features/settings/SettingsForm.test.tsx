import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, loadViewWords } from '../../i18n';
import { toFieldErrors } from './field-errors';
import { SettingsForm, type SettingsDraft } from './SettingsForm';

const draft: SettingsDraft = {
  serverUrl: '',
  sipUri: '',
  authUser: '',
  password: '',
  displayName: '<b>Eve</b>',
  language: 'en',
  defaultCountry: '',
  iceServersText: '',
  dtmfMode: 'rfc4733',
  seniorQueue: 'senior',
  technicalQueue: 'technical',
  teamKey: '',
  teamMembersText: '',
  wrapUpSecondsText: '30',
  wrapUpMandatory: false,
  escalatedWrapUpSecondsText: '60',
  queueWrapUpsText: '',
  callTargetSecondsText: '360',
  queueTargetsText: '',
  queuePause: 'reject',
  pauseCode: '*46',
  unpauseCode: '*47',
  dispositionsText: 'resolved\nwrong-number',
  recordCalls: false,
  recordingRetentionDaysText: '90',
};
const noop = () => {};

beforeAll(async () => {
  await initI18n('en');
  await loadViewWords(); // in the app they come with the view's chunk
});

describe('SettingsForm', () => {
  it('shows each field with its label, and escapes what the agent typed', () => {
    const html = renderToStaticMarkup(
      <SettingsForm
        draft={draft}
        passwordSet={false}
        teamKeySet={false}
        secrets="stored"
        errors={{}}
        status={{ kind: 'idle' }}
        onChange={noop}
        onSubmit={noop}
      />,
    );
    for (const label of [
      'Server address (WebSocket)',
      'SIP address',
      'Authentication user',
      'Password',
      'Display name',
      'Language',
      'After-call work time (seconds)',
      'Disposition required before Ready',
      'Disposition codes',
    ]) {
      expect(html).toContain(label);
    }
    expect(html).toContain('&lt;b&gt;Eve&lt;/b&gt;');
    expect(html).toContain('No password stored yet.');
    expect(html).toContain('resolved\nwrong-number</textarea>');
  });

  it('puts the schema’s error codes into words next to the field', () => {
    const errors = toFieldErrors([
      { path: 'displayName', message: 'tooLong' },
      { path: 'serverUrl', message: 'serverUrl' },
      { path: 'language', message: 'Invalid option' },
    ]);
    const html = renderToStaticMarkup(
      <SettingsForm
        draft={draft}
        passwordSet
        teamKeySet
        secrets="stored"
        errors={errors}
        status={{ kind: 'invalid' }}
        onChange={noop}
        onSubmit={noop}
      />,
    );
    expect(html).toContain('Too long: at most 64 characters.');
    expect(html).toContain('Use an address that starts with wss://');
    expect(html).toContain('Some fields need attention. Nothing was saved.');
    expect(html).toContain('aria-invalid="true"');
  });

  it('says the password and team key are kept for this session only when the host keeps them in memory, and nothing until it has said', () => {
    const hints = (secrets: 'stored' | 'memory' | undefined, set: boolean) =>
      renderToStaticMarkup(
        <SettingsForm
          draft={draft}
          passwordSet={set}
          teamKeySet={set}
          secrets={secrets}
          errors={{}}
          status={{ kind: 'idle' }}
          onChange={noop}
          onSubmit={noop}
        />,
      );
    const inMemory = hints('memory', true);
    expect(inMemory).toContain('A password is set, for this session only');
    expect(inMemory).toContain('A team key is set, for this session only');
    expect(inMemory).not.toContain('is stored');
    expect(hints('memory', false)).toContain('No password yet. Warmline will keep it in memory only');
    const stored = hints('stored', true);
    expect(stored).toContain('A password is stored. Type a new one to replace it.');
    expect(stored).toContain('A team key is stored.');
    expect(stored).not.toContain('session');
    const unknown = hints(undefined, true);
    expect(unknown).not.toContain('A password is');
    expect(unknown).not.toContain('A team key is');
  });
});
