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
    const html = renderToStaticMarkup(<PasswordStorageNote storage="memory-no-keyring" />);
    expect(html).toContain('role="note"');
    expect(html).toContain('no keyring');
    await setLanguage('nl');
    expect(renderToStaticMarkup(<PasswordStorageNote storage="memory-no-keyring" />)).toContain('sleutelbos');
    await setLanguage('en');
  });

  it('says nothing when the password is encrypted, or in browser mode (which prints it at start)', () => {
    expect(renderToStaticMarkup(<PasswordStorageNote storage="encrypted" />)).toBe('');
    expect(renderToStaticMarkup(<PasswordStorageNote storage="memory" />)).toBe('');
    expect(renderToStaticMarkup(<PasswordStorageNote storage={undefined} />)).toBe('');
  });
});
