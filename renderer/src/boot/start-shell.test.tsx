import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { getTranslator, initI18n, setLanguage } from '../i18n';
import { RegistrationStatus } from '../features/agent/RegistrationStatus';
import type { RegistrationStatus as Status } from '../phone';
import { StatusBar } from '../ui/StatusBar';
import type { TFunction } from '../i18n/translator';
import { shellView } from './start-shell';

beforeAll(async () => {
  await initI18n('en');
});

const t: TFunction = (key, values) => getTranslator().t(key, values);
const offline = { kind: 'offline' } as const;

describe('the start shell before React mounts', () => {
  it('says Signing in… while registering, then Signed in, with the status bar tones', () => {
    expect(shellView({ agent: offline, registration: { state: 'registering' } }, true, t).registration).toMatchObject({
      text: 'Signing in…',
      tone: 'busy',
    });
    const signedIn = shellView(
      { agent: { kind: 'available' }, registration: { state: 'registered', recovered: false } },
      true,
      t,
    );
    expect(signedIn).toMatchObject({
      brand: 'Warmline',
      agentKind: 'available',
      agentText: 'Status: Available',
      registration: { text: 'Signed in', tone: 'ok' },
      notConfigured: undefined,
    });
  });

  it('says why a sign-in failed, with the detail inline as the app shows a final failure', () => {
    const status: Status = { state: 'failed', failure: { reason: 'wrong-password', detail: '403 Forbidden' } } as Status;
    expect(shellView({ agent: offline, registration: status }, true, t).registration).toEqual({
      text: 'Wrong user name or password',
      detail: '403 Forbidden',
      tone: 'error',
      inline: true,
    });
  });

  it('says the phone is not set up when there is nothing to sign in to', () => {
    const view = shellView({ agent: offline, registration: { state: 'stopped' } }, false, t);
    expect(view.registration).toBeUndefined();
    expect(view.notConfigured).toBe('Phone not set up yet');
  });

  it('uses the same words as the React status bar it stands in for', () => {
    const agent = { kind: 'break', reason: 'lunch' } as const;
    const registration: Status = { state: 'registered', recovered: false } as Status;
    const view = shellView({ agent, registration }, true, t);
    expect(renderToStaticMarkup(<StatusBar agentState={agent} phoneConfigured />)).toContain(view.agentText);
    expect(renderToStaticMarkup(<RegistrationStatus status={registration} />)).toContain(`>${view.registration?.text}<`);
  });

  it("speaks the agent's language", async () => {
    await setLanguage('nl');
    try {
      const view = shellView({ agent: offline, registration: { state: 'registering' } }, true, t);
      expect(view.registration?.text).toBe(getTranslator().t('registration.registering'));
      expect(view.registration?.text).not.toBe('Signing in…');
    } finally {
      await setLanguage('en');
    }
  });
});
