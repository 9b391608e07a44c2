import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { calls, CONSULT_DIALED } from '../../../../shared/call/call.fixtures';
import type { CallId } from '../../phone';
import { initI18n, loadViewWords } from '../../i18n';
import type { CallEntry } from '../../state/phone-state';
import { ConsultBar } from './ConsultBar';

beforeAll(async () => {
  await initI18n('en');
  await loadViewWords(); // in the app they come with the view's chunk
});

const noop = () => {};
const entry = (call: CallEntry['call']): CallEntry => ({
  info: { callId: call.callId as CallId, direction: 'inbound', remote: { number: '100', uri: 'sip:100@lab' } },
  call,
  waiting: false,
  muted: false,
  heldByRemote: false,
  remoteRinging: false,
});
const render = (call: CallEntry['call'], now: number, leg?: CallEntry): string =>
  renderToStaticMarkup(
    <ConsultBar
      customer={entry(call)}
      {...(leg ? { leg } : {})}
      now={now}
      onComplete={noop}
      onMerge={noop}
      onSwap={noop}
      onCancel={noop}
      onBackToCustomer={noop}
      onRetry={noop}
      onBlind={noop}
    />,
  );

describe('ConsultBar', () => {
  it('shows the customer-on-hold line from the moment of the hold, so Complete transfer does not jump down a second later', () => {
    // The shared clock ticks once a second: the first render of a consult often has `now` from before the hold.
    // The line appearing at the next tick moved the buttons under a click (the soak's lost "Complete transfer").
    for (const now of [CONSULT_DIALED - 400, CONSULT_DIALED, CONSULT_DIALED + 3_000]) {
      for (const call of [calls['consult-ringing'], calls.consulting]) {
        const html = render(call, now);
        expect(html, `${call.phase} at +${now - CONSULT_DIALED} ms`).toContain('data-testid="consult-hold"');
      }
    }
    expect(render(calls.consulting, CONSULT_DIALED - 400)).toContain('Customer on hold for 0:00');
    expect(render(calls.consulting, CONSULT_DIALED + 3_000)).toContain('Customer on hold for 0:03');
  });

  it('in a three-way, the buttons say what each does: leave the two talking, or drop the colleague', () => {
    const html = render(calls['three-way'], CONSULT_DIALED + 3_000, entry(calls['three-way']));
    expect(html).toContain('Leave: Senior queue keeps the customer');
    expect(html).toContain('Drop Senior queue, stay with the customer');
    expect(html).not.toContain('Complete transfer');
    expect(html).not.toContain('Cancel consult');
    // Before the merge, the words of a consult.
    expect(render(calls.consulting, CONSULT_DIALED + 3_000)).toContain('Complete transfer');
  });

  it('has no hold line once the customer is back in the call (three-way)', () => {
    expect(render(calls['three-way'], CONSULT_DIALED + 3_000)).not.toContain('data-testid="consult-hold"');
  });
});
