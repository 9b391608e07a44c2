import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, loadViewWords, setLanguage } from '../../i18n';
import { PasswordStorageNote } from './PasswordStorageNotice';

beforeAll(async () => {
  await initI18n('en');
  await loadViewWords(); // in the app they come with the view's chunk
});

describe('where the password is kept, in Settings', () => {
  it('tells the agent when Linux has no keyring and the password is kept in memory only (issue 17, finding 10)', async () => {
    const html = renderToStaticMarkup(
      <PasswordStorageNote keeping={{ host: 'electron', passwordStorage: 'memory-no-keyring' }} />,
    );
    expect(html).toContain('role="note"');
    expect(html).toContain('no keyring');
    await setLanguage('nl');
    expect(
      renderToStaticMarkup(<PasswordStorageNote keeping={{ host: 'electron', passwordStorage: 'memory-no-keyring' }} />),
    ).toContain('sleutelbos');
    await setLanguage('en');
  });

  it('tells the agent in browser mode without WARMLINE_SECRET_KEY that the password lives only until Warmline stops', () => {
    const html = renderToStaticMarkup(<PasswordStorageNote keeping={{ host: 'browser', passwordStorage: 'memory' }} />);
    expect(html).toContain('role="note"');
    expect(html).toContain('started without WARMLINE_SECRET_KEY');
    expect(html).toContain('gone once Warmline stops');
  });

  it('tells the desktop app’s agent when the OS offers no encryption at all', () => {
    const html = renderToStaticMarkup(<PasswordStorageNote keeping={{ host: 'electron', passwordStorage: 'memory' }} />);
    expect(html).toContain('in memory only');
    expect(html).not.toContain('WARMLINE_SECRET_KEY');
  });

  it('says nothing when the password is stored encrypted, or before the host has said', () => {
    expect(renderToStaticMarkup(<PasswordStorageNote keeping={{ host: 'browser', passwordStorage: 'encrypted' }} />)).toBe('');
    expect(renderToStaticMarkup(<PasswordStorageNote keeping={{ host: 'electron', passwordStorage: 'encrypted' }} />)).toBe('');
    expect(renderToStaticMarkup(<PasswordStorageNote keeping={undefined} />)).toBe('');
  });
});
