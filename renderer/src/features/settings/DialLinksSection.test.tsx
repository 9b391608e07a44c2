import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, loadViewWords } from '../../i18n';
import { DialLinksSection } from './DialLinksSection';

beforeAll(async () => {
  await initI18n('en');
  await loadViewWords(); // in the app they come with the view's chunk
});

const render = (offer: Parameters<typeof DialLinksSection>[0]['offer']) =>
  renderToStaticMarkup(<DialLinksSection offer={offer} onOffer={() => {}} />);

describe('phone links in Settings (browser mode)', () => {
  it('offers the button and says the number is only called when the agent presses Call', () => {
    const html = render({ kind: 'idle' });
    expect(html).toContain('<h2');
    expect(html).toContain('Open phone links in Warmline</button>');
    expect(html).toContain('only called when you press Call');
    expect(html).not.toContain('role="status"');
  });

  it('after the click, points to the browser’s own prompt, or names the schemes it refused', () => {
    expect(render({ kind: 'asked', refused: [] })).toContain('look for a prompt or an icon in the address bar');
    expect(render({ kind: 'asked', refused: ['tel'] })).toContain('This browser did not allow it for: tel.');
  });
});
