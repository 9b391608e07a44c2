import { useTranslation } from '../../i18n';
import { useId } from 'react';
import { WRAP_UP_LIMITS } from '../../../../shared/history/limits';
import type { Locale } from '../../../../shared/locales';
import { TextLimit } from '../../ui/lazy-views';
import { PhraseWarnings } from '../../ui/PhraseWarnings';

export interface CallNotesBoxProps {
  readonly notes: string;
  readonly language: Locale;
  readonly onChange: (notes: string) => void;
}

/**
 * Notes taken while talking: they become the first lines of the call's wrap-up, so nothing is
 * typed twice. Phrases to avoid are flagged as the agent types, with a kinder alternative.
 */
export function CallNotesBox({ notes, language, onChange }: CallNotesBoxProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="call-notes" aria-labelledby={`${id}-label`}>
      <div className="field">
        <label id={`${id}-label`} htmlFor={`${id}-notes`}>
          {t('calls.notes')}
        </label>
        <textarea
          id={`${id}-notes`}
          rows={4}
          maxLength={WRAP_UP_LIMITS.notes}
          value={notes}
          aria-describedby={`${id}-warnings`}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
        <TextLimit fieldId={`${id}-notes`} length={notes.length} max={WRAP_UP_LIMITS.notes} />
      </div>
      <div id={`${id}-warnings`}>
        <PhraseWarnings text={notes} language={language} />
      </div>
    </section>
  );
}
