import { afterEach, describe, expect, it } from 'vitest';
import { getTranslator, lastLanguage, loadViewWords, prefetchLanguage, setLanguage } from './active';
import nlViews from './locales/views/nl.json';
import tlViews from './locales/views/tl.json';
import daViews from './locales/views/da.json';

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

// After the tests above: until a view asks, no language in this module has its views' words.
describe("the views' words (settings, history, the in-call parts)", () => {
  it('are not fetched with a language; the first view brings them into the translator on screen, which stays the same object', async () => {
    await setLanguage('nl');
    const shown = getTranslator();
    expect(shown.t('settings.title')).toBe('settings.title');
    expect(shown.t('app.loading')).not.toBe('app.loading');
    await loadViewWords();
    expect(getTranslator()).toBe(shown);
    expect(shown.t('settings.title')).toBe(nlViews.settings.title);
  });

  it('come with every later language switch, before the switch shows', async () => {
    await setLanguage('tl');
    expect(getTranslator().language).toBe('tl');
    expect(getTranslator().t('settings.title')).toBe(tlViews.settings.title);
    expect(getTranslator().t('history.title')).toBe(tlViews.history.title);
  });
});

describe('a view opened while the language switches', () => {
  it("waits for the new language's view words too", async () => {
    const switched = setLanguage('da');
    await loadViewWords();
    await switched;
    expect(getTranslator().t('team.title')).toBe(daViews.team.title);
  });
});
