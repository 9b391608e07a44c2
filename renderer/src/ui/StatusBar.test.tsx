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
});
