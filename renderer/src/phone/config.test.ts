import { describe, expect, it } from 'vitest';
import { normaliseTarget, validateConfig } from './config';

const BASE = { serverUrl: 'wss://pbx.example.com/ws', sipUri: 'sip:1001@pbx.example.com', password: 'pw' };

describe('phone configuration', () => {
  it('accepts wss anywhere and ws only to loopback', () => {
    expect(validateConfig(BASE).ok).toBe(true);
    expect(validateConfig({ ...BASE, serverUrl: 'ws://127.0.0.1:8080' }).ok).toBe(true);
    expect(validateConfig({ ...BASE, serverUrl: 'ws://pbx.example.com' })).toEqual({ ok: false, error: ['serverUrl'] });
  });

  it('refuses a display name or auth user that would break out of a quoted string or a header', () => {
    expect(validateConfig({ ...BASE, displayName: 'Ada "the agent"' })).toEqual({ ok: false, error: ['displayName'] });
    expect(validateConfig({ ...BASE, displayName: 'Ada\r\nX-Evil: 1' })).toEqual({ ok: false, error: ['displayName'] });
    expect(validateConfig({ ...BASE, authUser: 'u"ser' })).toEqual({ ok: false, error: ['authUser'] });
    expect(validateConfig({ ...BASE, sipUri: 'sip:1001@pbx\r\n.example.com' })).toEqual({ ok: false, error: ['sipUri'] });
  });

  it('accepts only STUN/TURN ICE servers', () => {
    expect(
      validateConfig({ ...BASE, iceServers: [{ urls: 'turn:turn.example.com:3478', username: 'u', credential: 'c' }] }).ok,
    ).toBe(true);
    expect(validateConfig({ ...BASE, iceServers: [{ urls: 'http://evil' }] })).toEqual({ ok: false, error: ['iceServers'] });
  });
});

describe('dial targets', () => {
  it('turns numbers and extensions into SIP URIs in our domain and refuses anything else', () => {
    expect(normaliseTarget('+4930123456', 'pbx.example.com')).toBe('sip:+4930123456@pbx.example.com');
    expect(normaliseTarget(' 2001 ', 'pbx.example.com')).toBe('sip:2001@pbx.example.com');
    expect(normaliseTarget('sip:senior@pbx.example.com', 'pbx.example.com')).toBe('sip:senior@pbx.example.com');
    expect(normaliseTarget('2001\r\nX-Evil: 1', 'pbx.example.com')).toBeUndefined();
    expect(normaliseTarget('<sip:a@b>', 'pbx.example.com')).toBeUndefined();
  });
});
