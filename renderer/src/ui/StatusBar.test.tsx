import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../i18n';
import { StatusBar } from './StatusBar';

beforeAll(async () => {
  await initI18n('en');
});

describe('StatusBar', () => {
  it('says the agent is offline and that the phone is not set up', () => {
    const html = renderToStaticMarkup(<StatusBar agentState={{ kind: 'offline' }} phoneConfigured={false} />);
    expect(html).toContain('Status: Offline');
    expect(html).toContain('Phone not set up yet');
    expect(html).toContain('role="status"');
  });

  it('names the break reason', () => {
    const html = renderToStaticMarkup(<StatusBar agentState={{ kind: 'break', reason: 'lunch' }} phoneConfigured />);
    expect(html).toContain('Status: On a break: Lunch');
    expect(html).not.toContain('Phone not set up yet');
  });

  it('counts after-call work down, or up when it lasts until Ready, without announcing every second', () => {
    const wrapUp = { kind: 'wrap-up', callId: 'c1', startedAt: 0, next: { kind: 'available' } } as const;
    const left = renderToStaticMarkup(
      <StatusBar agentState={wrapUp} phoneConfigured acw={{ remainingMs: 41_200, elapsedMs: 18_800 }} />,
    );
    expect(left).toContain('Wrap-up: 0:42 left');
    expect(left).toContain('aria-live="off"');
    const open = renderToStaticMarkup(
      <StatusBar agentState={wrapUp} phoneConfigured acw={{ remainingMs: null, elapsedMs: 62_000 }} />,
    );
    expect(open).toContain('Wrap-up: 1:02');
    expect(open).not.toContain('left');
  });

  it('shows the call quality once measured, and nothing before', () => {
    const onCall = { kind: 'on-call', callId: 'c1', next: { kind: 'available' } } as const;
    expect(
      renderToStaticMarkup(<StatusBar agentState={onCall} phoneConfigured quality={{ level: 'fair', mos: 3.46 }} />),
    ).toContain('Quality fair (MOS 3.5)');
    expect(renderToStaticMarkup(<StatusBar agentState={onCall} phoneConfigured />)).not.toContain('Quality');
  });
});
