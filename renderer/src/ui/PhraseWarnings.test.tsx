import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../../shared/locales';
import { assistContent, loadAssistContent } from '../features/assist/content';
import { initI18n, setLanguage } from '../i18n';
import { PhraseWarnings } from './PhraseWarnings';

beforeAll(async () => {
  await initI18n('en');
  for (const locale of LOCALES) await loadAssistContent(locale);
});
afterAll(async () => {
  await setLanguage('en');
});

const render = (text: string, language: Locale) => renderToStaticMarkup(<PhraseWarnings text={text} language={language} />);
const instead = (language: Locale, id: string) => assistContent(language).avoid.find((r) => r.id === id)?.instead ?? '(none)';
// React escapes text; compare with what the agent would read.
const escaped = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#x27;').replace(/"/g, '&quot;');

/** Notes as an agent types them in each language: mixed case, odd spacing, curly apostrophes, missing accents. */
const NOTES: Record<Locale, { text: string; found: Record<string, string>; title: string; tryInstead: string }> = {
  en: {
    text: 'Told her to CALM  down, then said that’s our policy, and there is nothing I can do.',
    found: { 'calm-down': 'CALM  down', policy: 'that’s our policy', 'nothing-i-can-do': 'there is nothing I can do' },
    title: 'Phrases to avoid',
    tryInstead: 'Try instead:',
  },
  nl: {
    text: 'Klant boos. Ik zei: Dat is ons beleid… en u heeft het verkeerd   begrepen.',
    found: { policy: 'Dat is ons beleid', misunderstood: 'u heeft het verkeerd   begrepen' },
    title: 'Liever niet zeggen',
    tryInstead: 'Zeg liever:',
  },
  da: {
    text: 'Sagde "fald ned" og: der er ikke noget, jeg kan goere. Sådan er det bare!',
    found: {
      'calm-down': 'fald ned',
      'nothing-i-can-do': 'der er ikke noget, jeg kan goere',
      'just-how-it-is': 'Sådan er det bare',
    },
    title: 'Sætninger, du bør undgå',
    tryInstead: 'Sig hellere:',
  },
  nb: {
    text: 'Jeg sa: Roe deg ned. Jeg har ikke tid nå, og det er ingenting jeg kan gjøre.',
    found: { 'calm-down': 'Roe deg ned', busy: 'Jeg har ikke tid nå', 'nothing-i-can-do': 'det er ingenting jeg kan gjøre' },
    title: 'Setninger du bør unngå',
    tryInstead: 'Si heller:',
  },
  tl: {
    text: 'Sinabi ko: Kumalma po kayo. Wala po akong magagawa, ganyan talaga.',
    found: { 'calm-down': 'Kumalma po kayo', 'nothing-i-can-do': 'Wala po akong magagawa', 'just-how-it-is': 'ganyan talaga' },
    title: 'Mga pariralang iwasan',
    tryInstead: 'Sa halip, sabihin:',
  },
};

describe('PhraseWarnings', () => {
  for (const [language, notes] of Object.entries(NOTES) as [Locale, (typeof NOTES)[Locale]][]) {
    it(`flags ${language} phrases to avoid, each with its kinder alternative, in the UI language`, async () => {
      await setLanguage(language);
      const html = render(notes.text, language);
      expect(html).toContain('role="status"');
      expect(html).toContain(escaped(notes.title));
      const items = [...html.matchAll(/<li data-phrase="([a-z-]+)">(.*?)<\/li>/g)].map((m) => m[1]);
      expect(items.sort()).toEqual(Object.keys(notes.found).sort());
      for (const [id, typed] of Object.entries(notes.found)) {
        expect(html).toContain(`<q class="phrase-warnings-found">${escaped(typed)}</q>`);
        expect(html).toContain(`${escaped(notes.tryInstead)} <q>${escaped(instead(language, id))}</q>`);
      }
    });
  }

  it('says nothing for kind notes, but keeps the status region for when a warning appears', async () => {
    await setLanguage('en');
    expect(render('Apologised, offered a refund, customer thanked us.', 'en')).toBe(
      '<div class="phrase-warnings" role="status" data-testid="phrase-warnings"></div>',
    );
  });

  it('lists a phrase once however often it is typed, and shows typed markup as text', async () => {
    await setLanguage('en');
    const html = render('<b>calm down</b> calm down CALM DOWN <script>', 'en');
    expect(html.match(/<li /g)).toHaveLength(1);
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<script>');
  });
});
