import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { newInboundCall, transitionCall } from '../../../../shared/call';
import type { CallId } from '../../phone';
import { initI18n } from '../../i18n';
import type { CallEntry } from '../../state/phone-state';
import { ActiveCall } from './ActiveCall';

beforeAll(async () => {
  await initI18n('en');
});

const callId = 'c1' as CallId;
const answered = (): CallEntry['call'] => {
  const result = transitionCall(newInboundCall({ callId, remote: { uri: 'sip:100@lab' }, at: 0 }), { type: 'answered', at: 1 });
  if (!result.ok) throw new Error('answered is a transition of an offered call');
  return result.value;
};
const entry = (network?: CallEntry['network']): CallEntry => ({
  info: { callId, direction: 'inbound', remote: { number: '100', uri: 'sip:100@lab' } },
  call: answered(),
  waiting: false,
  muted: false,
  heldByRemote: false,
  remoteRinging: false,
  ...(network ? { network } : {}),
});
const noop = () => {};
/** The card's buttons as rendered: data-shortcut (or the keypad key) → the button's attributes. */
interface Rendered {
  readonly controls: ReadonlyMap<string, string>;
  readonly keypadKeys: readonly string[];
}
const render = (e: CallEntry, reconnecting?: boolean): Rendered => {
  const html = renderToStaticMarkup(
    <ActiveCall
      entry={e}
      {...(reconnecting === undefined ? {} : { reconnecting })}
      keypadOpen
      digitsSent=""
      onHold={noop}
      onMute={noop}
      onHangup={noop}
      onKeepTrying={noop}
      onToggleKeypad={noop}
      onDigit={noop}
      onEscalate={noop}
    />,
  );
  const buttons = [...html.matchAll(/<button[^>]*>/g)].map((m) => m[0]);
  return {
    controls: new Map(
      buttons.flatMap((b) => {
        const shortcut = /data-shortcut="([^"]+)"/.exec(b)?.[1];
        return shortcut ? [[shortcut, b] as const] : [];
      }),
    ),
    keypadKeys: buttons.filter((b) => b.includes('aria-label="Key ')),
  };
};
const tag = (r: Rendered, shortcut: string): string => {
  const found = r.controls.get(shortcut);
  if (found === undefined) throw new Error(`no ${shortcut} button`);
  return found;
};
const disabled = (button: string): boolean => /\sdisabled=""/.test(button);
const WHY = 'Not while reconnecting: wait until the connection is back';

describe('ActiveCall while the signalling reconnects', () => {
  it('disables hold, keypad and escalate (and the keypad keys) with the reason, while the call card says Reconnecting…', () => {
    for (const r of [render(entry('reconnecting')), render(entry(), true), render(entry('reconnecting-audio'), true)]) {
      for (const shortcut of ['hold', 'keypad', 'escalate']) {
        expect(disabled(tag(r, shortcut)), shortcut).toBe(true);
        expect(tag(r, shortcut), shortcut).toContain(`title="${WHY}"`);
        expect(tag(r, shortcut), shortcut).toContain(`data-unavailable="${WHY}"`);
      }
      expect(r.keypadKeys).toHaveLength(12);
      expect(r.keypadKeys.every(disabled)).toBe(true);
      // Mute is the agent's own microphone and hang-up ends the call anyway: both stay.
      expect(disabled(tag(r, 'mute'))).toBe(false);
      expect(disabled(tag(r, 'hangup'))).toBe(false);
    }
  });

  it('enables them again, without the reason, once the signalling is back (also while only the audio reconnects)', () => {
    for (const r of [render(entry()), render(entry(), false), render(entry('reconnecting-audio'), false)]) {
      for (const shortcut of ['hold', 'keypad', 'escalate']) {
        expect(disabled(tag(r, shortcut)), shortcut).toBe(false);
        expect(tag(r, shortcut), shortcut).not.toContain('title=');
        expect(tag(r, shortcut), shortcut).not.toContain('data-unavailable');
      }
      expect(r.keypadKeys).toHaveLength(12);
      expect(r.keypadKeys.some(disabled)).toBe(false);
    }
  });
});
