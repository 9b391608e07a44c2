import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, isAllowedServerUrl, settingsPatchSchema, SETTINGS_LIMITS } from './settings';

describe('server address', () => {
  it.each([
    '',
    'wss://pbx.example.com',
    'wss://pbx.example.com:7443/ws',
    'ws://127.0.0.1:5060',
    'ws://localhost:8080/sip',
    'ws://[::1]:9000',
    'WSS://PBX.EXAMPLE.COM',
  ])('accepts %s', (url) => expect(isAllowedServerUrl(url)).toBe(true));
  it.each([
    'ws://pbx.example.com',
    'ws://10.0.0.5:8080',
    'ws://127.0.0.1.evil.example',
    'ws://user@127.0.0.1',
    'http://pbx.example.com',
    'wss://',
    'wss://pbx.example.com:99999',
    'wss://pbx example.com',
    'javascript:alert(1)',
  ])('refuses %s', (url) => expect(isAllowedServerUrl(url)).toBe(false));
});

describe('settings patch', () => {
  it('accepts a full, sensible patch', () => {
    expect(
      settingsPatchSchema.safeParse({
        serverUrl: 'wss://pbx.example.com',
        sipUri: 'sip:1001@example.com',
        authUser: '1001',
        displayName: 'Ana Reyes',
        language: 'tl',
        password: 'pw',
      }).success,
    ).toBe(true);
  });
  it('refuses line breaks, which would be header injection once they reach SIP', () => {
    expect(settingsPatchSchema.safeParse({ displayName: 'Ana\r\nVia: evil' }).success).toBe(false);
  });
  it('refuses values past their bound and malformed SIP addresses', () => {
    expect(settingsPatchSchema.safeParse({ authUser: 'a'.repeat(SETTINGS_LIMITS.authUser + 1) }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ sipUri: '1001' }).success).toBe(false);
  });
});

describe('wrap-up settings', () => {
  it('takes a countdown from 0 (until ready) to 600 seconds, whole seconds only', () => {
    for (const wrapUpSeconds of [0, 30, 600]) expect(settingsPatchSchema.safeParse({ wrapUpSeconds }).success).toBe(true);
    for (const wrapUpSeconds of [-1, 601, 1.5]) expect(settingsPatchSchema.safeParse({ wrapUpSeconds }).success).toBe(false);
  });
  it('takes up to 30 short one-line disposition codes', () => {
    expect(settingsPatchSchema.safeParse({ dispositions: ['resolved', 'wrong-number'] }).success).toBe(true);
    expect(settingsPatchSchema.safeParse({ dispositions: Array.from({ length: 31 }, (_, i) => `d${i}`) }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ dispositions: ['a'.repeat(65)] }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ dispositions: ['bad\ncode'] }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ dispositions: [' '] }).success).toBe(false);
  });
  it('defaults to an optional 30-second wrap-up with five dispositions', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ wrapUpSeconds: 30, wrapUpMandatory: false });
    expect(DEFAULT_SETTINGS.dispositions).toHaveLength(5);
  });
});
