import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../../i18n';
import { RegistrationStatus } from './RegistrationStatus';

beforeAll(async () => {
  await initI18n('en');
});

describe('RegistrationStatus', () => {
  it('while reconnecting, says so in words and keeps the socket error for hover (one line in the status bar)', () => {
    const html = renderToStaticMarkup(
      <RegistrationStatus
        status={{
          state: 'connecting',
          attempt: 2,
          lastFailure: { reason: 'server-unreachable', detail: 'WebSocket closed (1006)' },
        }}
      />,
    );
    expect(html).toContain('Connection lost, reconnecting (attempt 2)…');
    expect(html).toContain('title="WebSocket closed (1006)"');
    expect(html).not.toContain('class="detail"');
  });

  it('a final failure shows its detail written out', () => {
    const html = renderToStaticMarkup(
      <RegistrationStatus status={{ state: 'failed', failure: { reason: 'wrong-password', detail: '403 Forbidden' } }} />,
    );
    expect(html).toContain('Wrong user name or password');
    expect(html).toContain('class="detail"');
    expect(html).toContain('403 Forbidden');
    expect(html).not.toContain('title=');
  });
});
