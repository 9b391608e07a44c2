import { describe, expect, it, vi } from 'vitest';
import { createCallNotifier } from '../../../electron/main/notifications';
import { SHELL_TEXT, type ShellText } from '../../../electron/main/shell-text';
import { agentStatusSchema, type AgentStatusInput } from '../../../shared/host-api/agent-status';
import type { Callback } from '../../../shared/history';
import { FakeNotification } from './fake-electron';

function setUp(platform: NodeJS.Platform = 'darwin', text: ShellText = SHELL_TEXT.en) {
  FakeNotification.all = [];
  FakeNotification.supported = true;
  const push = vi.fn();
  const focusWindow = vi.fn();
  const notifier = createCallNotifier({
    Notification: FakeNotification as never,
    platform,
    push,
    focusWindow,
    icon: '/icon.png',
    text: () => text,
  });
  const report = (input: AgentStatusInput) => notifier.update(agentStatusSchema.parse(input));
  return { notifier, report, push, focusWindow, all: () => FakeNotification.all };
}

const ringing = (callId = 'c1', extra: Partial<AgentStatusInput> = {}): AgentStatusInput => ({
  agentState: { kind: 'ringing' },
  incomingCall: { callId, callerName: 'Ana Lima', number: '+4712345678', queue: 'Billing' },
  ...extra,
});

describe('incoming-call notification', () => {
  it('names the caller and queue, once per call however often the status is reported', () => {
    const { report, all } = setUp();
    report(ringing());
    report(ringing());
    expect(all()).toHaveLength(1);
    expect(all()[0]!.options).toMatchObject({
      title: 'Incoming call: Billing',
      body: 'Ana Lima (+4712345678)',
      silent: true,
      actions: [
        { type: 'button', text: 'Answer' },
        { type: 'button', text: 'Decline' },
      ],
    });
    expect(all()[0]!.shown).toBe(true);
  });

  it('answers or declines that very call from its buttons, and a click brings the window', () => {
    const { report, all, push, focusWindow } = setUp('win32');
    report(ringing('c7'));
    const n = all()[0]!;
    n.listeners.get('action')?.({ actionIndex: 0 });
    expect(push).toHaveBeenLastCalledWith({ type: 'command', command: 'answer', callId: 'c7' });
    n.listeners.get('action')?.(undefined, 1);
    expect(push).toHaveBeenLastCalledWith({ type: 'command', command: 'decline', callId: 'c7' });
    n.listeners.get('click')?.();
    expect(focusWindow).toHaveBeenCalledTimes(2);
  });

  it('has no buttons on Linux, where a click brings the window and its Answer button', () => {
    const { report, all } = setUp('linux');
    report(ringing());
    expect(all()[0]!.options.actions).toBeUndefined();
  });

  it('closes when the call stops ringing, and a new call gets its own', () => {
    const { report, all } = setUp();
    report(ringing('c1'));
    report({ agentState: { kind: 'on-call' } });
    expect(all()[0]!.closed).toBe(true);
    report(ringing('c2'));
    expect(all()).toHaveLength(2);
    expect(all()[1]!.closed).toBe(false);
  });

  it('shows nothing where the OS has no notifications', () => {
    const { report, all } = setUp();
    FakeNotification.supported = false;
    report(ringing());
    expect(all()).toHaveLength(0);
  });
});

describe('escalation handoff notification', () => {
  const escalation = { callId: 'c9', from: 'Bo (tier 1)', reason: 'Refund over the limit' };

  it('says who hands the call over and why, with Answer and Decline while it rings', () => {
    const { report, all } = setUp();
    report(ringing('c9', { escalation }));
    expect(all()).toHaveLength(1);
    expect(all()[0]!.options.title).toBe('Escalation from Bo (tier 1)');
    expect(all()[0]!.options.body).toBe('Refund over the limit\nAna Lima (+4712345678) · Billing');
    report({ agentState: { kind: 'on-call' }, escalation });
    expect(all()).toHaveLength(1);
  });

  it('is shown once when it arrives without a ringing call, and stays up until dismissed', () => {
    const { report, all } = setUp();
    report({ agentState: { kind: 'on-call' }, escalation });
    report({ agentState: { kind: 'on-call' }, escalation });
    expect(all()).toHaveLength(1);
    expect(all()[0]!.options).toMatchObject({ title: 'Escalation from Bo (tier 1)', body: 'Refund over the limit' });
    expect(all()[0]!.options.actions).toBeUndefined();
    report({ agentState: { kind: 'wrap-up' } });
    report({ agentState: { kind: 'on-call' }, escalation });
    expect(all()).toHaveLength(1);
    expect(all()[0]!.closed).toBe(false);
  });

  it('speaks the agent’s language, and a caller name with a {mark} is shown as written', () => {
    const { report, all } = setUp('win32', SHELL_TEXT.nl);
    report({
      agentState: { kind: 'ringing' },
      incomingCall: { callId: 'c3', callerName: '', number: '', queue: '' },
    });
    expect(all()[0]!.options).toMatchObject({
      title: 'Inkomende oproep',
      body: 'Onbekende beller',
      actions: [
        { type: 'button', text: 'Opnemen' },
        { type: 'button', text: 'Weigeren' },
      ],
    });
    report(ringing('c4', { escalation: { callId: 'c4', from: '{from} {queue}', reason: 'Storing' } }));
    expect(all()[1]!.options.title).toBe('Escalatie van {from} {queue}');
    report(ringing('c5'));
    expect(all()[2]!.options.title).toBe('Inkomende oproep: Billing');
  });

  it('closes every open notification on quit', () => {
    const { report, all, notifier } = setUp();
    report(ringing('c1'));
    notifier.closeAll();
    expect(all()[0]!.closed).toBe(true);
  });
});

describe('callback-due notification', () => {
  const callback = (noteId: number, extra: Partial<Callback> = {}): Callback => ({
    noteId,
    customerKey: 'number:+4712345678',
    name: 'Dana Customer',
    number: '+4712345678',
    at: 1_000,
    notes: 'Call back about the refund',
    ...extra,
  });

  it('names the customer and the start of the notes, in the agent’s language; a click brings the window', () => {
    const { notifier, all, focusWindow } = setUp('linux', SHELL_TEXT.nl);
    notifier.callbackDue(callback(7));
    expect(all()).toHaveLength(1);
    expect(all()[0]!.options).toEqual({
      title: 'Tijd om terug te bellen',
      body: 'Dana Customer · Call back about the refund',
      icon: '/icon.png',
    });
    expect(all()[0]!.shown).toBe(true);
    all()[0]!.listeners.get('click')?.();
    expect(focusWindow).toHaveBeenCalledTimes(1);
  });

  it('a snoozed callback coming due again replaces its own notification, not another callback’s', () => {
    const { notifier, all } = setUp();
    notifier.callbackDue(callback(1));
    notifier.callbackDue(callback(2, { name: 'Ed' }));
    notifier.callbackDue(callback(1, { snoozedUntil: 5_000 }));
    expect(all().map((n) => [n.options.body, n.closed])).toEqual([
      ['Dana Customer · Call back about the refund', true],
      ['Ed · Call back about the refund', false],
      ['Dana Customer · Call back about the refund', false],
    ]);
  });

  it('shows the number without a name, notes on one line and cut at 100 characters; keeps five on screen', () => {
    const { notifier, all } = setUp();
    notifier.callbackDue(callback(1, { name: undefined, notes: `Refund\n\n  promised ${'x'.repeat(200)}` }));
    expect(all()[0]!.options.body).toBe(`+4712345678 · Refund promised ${'x'.repeat(84)}…`);
    for (let id = 2; id <= 6; id += 1) notifier.callbackDue(callback(id));
    expect(all().map((n) => n.closed)).toEqual([true, false, false, false, false, false]);
  });

  it('shows nothing where the OS has no notifications, and closes them all on quit', () => {
    const { notifier, all } = setUp();
    notifier.callbackDue(callback(1));
    notifier.closeAll();
    expect(all()[0]!.closed).toBe(true);
    FakeNotification.supported = false;
    notifier.callbackDue(callback(2));
    expect(all()).toHaveLength(1);
  });
});
