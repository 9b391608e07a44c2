import { describe, expect, it, vi } from 'vitest';
import { createHostEventOutlet } from '../../../electron/main/host-events';
import { registerHostEventIpc } from '../../../electron/main/ipc';
import { agentStatusSchema, errorReportSchema, parseHostArgs } from '../../../shared/host-api';
import { HOST_EVENT_CHANNEL, HOST_EVENT_SUBSCRIBE_CHANNEL } from '../../../shared/host-api/channels';
import { parseHostEvent, type HostEvent } from '../../../shared/host-api/events';
import { parseHostMessage } from '../../../shared/host-api/wire';
import { FakeWebContents } from './fake-electron';

const APP = 'app://warmline/index.html';

class Page {
  readonly sent: unknown[] = [];
  destroyed = false;
  send(channel: string, payload: unknown) {
    expect(channel).toBe(HOST_EVENT_CHANNEL);
    this.sent.push(payload);
  }
  isDestroyed() {
    return this.destroyed;
  }
}

describe('host events (the contract)', () => {
  it('accepts dial links and the commands the tray, shortcuts and notifications send', () => {
    const good: unknown[] = [
      { type: 'dial-link', target: '+12015550123' },
      { type: 'dial-link', target: 'sip:alice@example.com' },
      { type: 'command', command: 'answer', callId: 'c-1' },
      { type: 'command', command: 'decline' },
      { type: 'command', command: 'hangup' },
      { type: 'command', command: 'go-break', reason: 'lunch' },
      { type: 'command', command: 'go-offline' },
    ];
    for (const event of good) expect(parseHostEvent(event)).toEqual(event);
  });

  it('refuses unknown types, commands, extra fields and unsafe dial targets', () => {
    const bad: unknown[] = [
      { type: 'navigate', url: 'https://evil.example' },
      { type: 'command', command: 'format-disk' },
      { type: 'command', command: 'hangup', extra: 1 },
      { type: 'command', command: 'go-break' },
      { type: 'command', command: 'go-break', reason: 'missed-call' },
      { type: 'dial-link', target: '' },
      { type: 'dial-link', target: '123\r\nVia: x' },
      { type: 'dial-link', target: 'x'.repeat(300) },
      null,
      'dial-link',
    ];
    for (const event of bad) expect(parseHostEvent(event)).toBeUndefined();
  });
});

describe('the agent status the renderer reports', () => {
  it('is parsed with break reason, incoming call and escalation handoff', () => {
    const status = {
      agentState: { kind: 'ringing' },
      incomingCall: { callId: 'abc@host', callerName: 'Ana Lima', number: '+4712345678', queue: 'Billing' },
      escalation: { callId: 'abc@host', from: 'Bo (tier 1)', reason: 'Refund over limit' },
    };
    expect(parseHostArgs('reportAgentStatus', [status])).toEqual({ ok: true, value: [status] });
    expect(agentStatusSchema.parse({ agentState: { kind: 'break', breakReason: 'missed-call' } })).toBeTruthy();
  });

  it('makes a hostile display name safe to show instead of refusing the whole report', () => {
    const parsed = agentStatusSchema.parse({
      agentState: { kind: 'ringing' },
      incomingCall: { callId: 'c1', callerName: 'Eve\r\n\u202Eevil\u0000' + 'x'.repeat(500), number: '1', queue: 'Q' },
    });
    expect(parsed.incomingCall?.callerName).not.toMatch(/[\r\n\u0000\u202e]/);
    expect(parsed.incomingCall?.callerName.length).toBeLessThanOrEqual(128);
  });

  it('refuses unknown states, bad call ids, extra fields and absurd sizes', () => {
    for (const status of [
      { agentState: { kind: 'asleep' } },
      { agentState: { kind: 'available' }, password: 'x' },
      { agentState: { kind: 'ringing' }, incomingCall: { callId: 'a b', callerName: '', number: '', queue: '' } },
      { agentState: { kind: 'ringing' }, incomingCall: { callId: 'c', callerName: 'x'.repeat(2000), number: '', queue: '' } },
    ]) {
      expect(parseHostArgs('reportAgentStatus', [status])).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });

  it('cuts renderer error reports to size rather than refusing them', () => {
    const report = errorReportSchema.parse({ message: 'm'.repeat(5000), stack: 's'.repeat(20000), source: 'App' });
    expect(report.message.length).toBeLessThan(2100);
    expect(report.stack?.length).toBeLessThan(8100);
    expect(parseHostArgs('logError', [{ message: 'x', cookie: 'y' }])).toMatchObject({ ok: false });
  });
});

describe('browser-mode wire messages', () => {
  it('tells a push from a response and validates the pushed event', () => {
    expect(parseHostMessage('{"id":3,"result":{"ok":true,"value":1}}')).toEqual({
      kind: 'response',
      id: 3,
      result: { ok: true, value: 1 },
    });
    expect(parseHostMessage('{"event":{"type":"command","command":"mute"}}')).toEqual({
      kind: 'event',
      event: { type: 'command', command: 'mute' },
    });
    expect(parseHostMessage('{"event":{"type":"command","command":"rm -rf"}}')).toBeUndefined();
    expect(parseHostMessage('{"id":1,"event":{"type":"command","command":"mute"}}')).toBeUndefined();
    expect(parseHostMessage('not json')).toBeUndefined();
  });
});

describe('main → renderer event outlet', () => {
  it('holds a dial link until the page listens, then delivers it once', () => {
    const outlet = createHostEventOutlet();
    const page = new Page();
    outlet.push({ type: 'dial-link', target: '+4712345678' });
    expect(page.sent).toEqual([]);
    outlet.listening(page);
    outlet.listening(page);
    expect(page.sent).toEqual([{ type: 'dial-link', target: '+4712345678' }]);
  });

  it('drops commands while nobody listens, so a late "answer" cannot pick up a later call', () => {
    const log = vi.fn();
    const outlet = createHostEventOutlet(log);
    const page = new Page();
    outlet.push({ type: 'command', command: 'answer', callId: 'c1' });
    outlet.listening(page);
    expect(page.sent).toEqual([]);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('dropped "answer"'));
    outlet.push({ type: 'command', command: 'mute' });
    expect(page.sent).toEqual([{ type: 'command', command: 'mute' }]);
  });

  it('holds again while the page reloads or is gone, and never sends an invalid event', () => {
    const outlet = createHostEventOutlet();
    const page = new Page();
    outlet.listening(page);
    outlet.notListening();
    outlet.push({ type: 'dial-link', target: '123' });
    outlet.push({ type: 'dial-link', target: 'a\nb' } as HostEvent);
    expect(page.sent).toEqual([]);
    const reloaded = new Page();
    outlet.listening(reloaded);
    expect(reloaded.sent).toEqual([{ type: 'dial-link', target: '123' }]);
    reloaded.destroyed = true;
    outlet.push({ type: 'dial-link', target: '456' });
    expect(reloaded.sent).toHaveLength(1);
  });

  it('starts delivering only when the app’s own main frame subscribes', () => {
    const listeners = new Map<string, (event: unknown) => void>();
    const ipc = { on: (channel: string, fn: (event: unknown) => void) => listeners.set(channel, fn) };
    const app = new FakeWebContents();
    app.mainFrame = { url: APP };
    const outlet = createHostEventOutlet();
    registerHostEventIpc(ipc as never, outlet, () => app as never, APP);
    outlet.push({ type: 'dial-link', target: '123' });
    const subscribe = listeners.get(HOST_EVENT_SUBSCRIBE_CHANNEL);
    subscribe?.({ sender: app, senderFrame: { url: APP } });
    subscribe?.({ sender: new FakeWebContents(), senderFrame: app.mainFrame });
    expect(app.sent).toEqual([]);
    subscribe?.({ sender: app, senderFrame: app.mainFrame });
    expect(app.sent).toEqual([{ channel: HOST_EVENT_CHANNEL, payload: { type: 'dial-link', target: '123' } }]);
  });
});
