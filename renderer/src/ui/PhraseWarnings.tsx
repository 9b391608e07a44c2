import { useTranslation } from '../i18n';
import { useMemo } from 'react';
import { findPhrasesToAvoid, type PhraseMatch } from '../../../shared/assist';
import type { Locale } from '../../../shared/locales';
import { avoidMatcher } from '../features/assist/content';
import './phrase-warnings.css';

export interface PhraseWarningsProps {
  /** What the agent typed: untrusted, shown as text only. */
  readonly text: string;
  /** The language the notes are written in, whose phrases to avoid apply. */
  readonly language: Locale;
}

/** One line per kind of phrase, however often it was typed: the first wording stands for the rest. */
function firstOfEach(matches: readonly PhraseMatch[]): PhraseMatch[] {
  const seen = new Set<string>();
  return matches.filter((m) => {
    if (seen.has(m.id)) return false;
    seen.add(m.id);
    return true;
  });
}

/**
 * Under a notes box: the phrases to avoid found in the text, each with the kinder thing to say.
 * The status region is always there so a screen reader hears a warning when one appears.
 */
export function PhraseWarnings({ text, language }: PhraseWarningsProps) {
  const { t } = useTranslation();
  const matches = useMemo(() => firstOfEach(findPhrasesToAvoid(text, avoidMatcher(language))), [text, language]);
  return (
    <div className="phrase-warnings" role="status" data-testid="phrase-warnings">
      {matches.length > 0 && (
        <>
          <p className="phrase-warnings-title">{t('assist.warnings.title')}</p>
          <ul>
            {matches.map((m) => (
              <li key={m.id} data-phrase={m.id}>
                <q className="phrase-warnings-found">{text.slice(m.start, m.end)}</q>{' '}
                <span className="phrase-warnings-instead">
                  {t('assist.warnings.instead')} <q>{m.instead}</q>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
