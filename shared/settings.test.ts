import { describe, expect, it } from 'vitest';
import { isAllowedServerUrl, settingsPatchSchema, SETTINGS_LIMITS } from './settings';

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
