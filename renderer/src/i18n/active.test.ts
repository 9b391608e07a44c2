import { afterEach, describe, expect, it } from 'vitest';
import { getTranslator, lastLanguage, prefetchLanguage, setLanguage } from './active';

/** The page's localStorage, as far as the language memory uses it (Node has none). */
function pageStorage(): Map<string, string> {
  const items = new Map<string, string>();
  Object.defineProperty(globalThis, 'localStorage', {
    configurable: true,
    value: { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) },
  });
  return items;
}

afterEach(() => {
  Reflect.deleteProperty(globalThis, 'localStorage');
});

describe('the language a page starts with', () => {
  it('is remembered once shown, and only a language Warmline ships is taken back', async () => {
    const items = pageStorage();
    expect(lastLanguage()).toBe('en');
    await setLanguage('nl');
    expect(lastLanguage()).toBe('nl');
    items.set('warmline.language', '<script>');
    expect(lastLanguage()).toBe('en');
  });

  it('prefetched, it becomes the active language when asked for, and its strings translate', async () => {
    pageStorage();
    prefetchLanguage('da');
    await setLanguage('da');
    expect(getTranslator().language).toBe('da');
    expect(getTranslator().t('app.loading')).not.toBe('app.loading');
  });

  it('works where the page has no storage at all', async () => {
    expect(lastLanguage()).toBe('en');
    await setLanguage('en');
    expect(getTranslator().language).toBe('en');
  });
});
