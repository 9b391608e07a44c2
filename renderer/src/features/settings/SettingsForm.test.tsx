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
});
