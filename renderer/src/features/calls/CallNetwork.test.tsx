import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CallId } from '../../phone';
import { newInboundCall } from '../../../../shared/call';
import { initI18n } from '../../i18n';
import type { CallEntry } from '../../state/phone-state';
import { CallNetwork } from './CallNetwork';

beforeAll(async () => {
  await initI18n('en');
});

const callId = 'c1' as CallId;
const entry = (network?: CallEntry['network']): CallEntry => ({
  info: { callId, direction: 'inbound', remote: { number: '100', uri: 'sip:100@lab' } },
  call: newInboundCall({ callId, remote: { uri: 'sip:100@lab' }, at: 0 }),
  waiting: false,
  muted: false,
  heldByRemote: false,
  remoteRinging: false,
  ...(network ? { network } : {}),
});
const render = (network?: CallEntry['network']): string =>
  renderToStaticMarkup(<CallNetwork entry={entry(network)} onKeepTrying={() => {}} onHangup={() => {}} />);

describe('CallNetwork', () => {
  it('says nothing while the call is healthy', () => {
    expect(render()).toBe('');
  });

  it('says what is being reconnected, as a status', () => {
    expect(render('reconnecting')).toContain('Reconnecting…');
    expect(render('reconnecting-audio')).toContain('Reconnecting audio…');
    expect(render('reconnecting')).toContain('role="status"');
  });

  it('offers keep trying or hang up when the audio did not come back', () => {
    const html = render('stalled');
    expect(html).toContain('role="alert"');
    expect(html).toContain('Keep trying');
    expect(html).toContain('Hang up');
  });
});
