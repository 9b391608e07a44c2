import { useTranslation } from '../../i18n';
import { useId, type FormEvent } from 'react';
import { isSituation, SITUATIONS, TEAM_PHRASE_LIMITS, type Situation } from '../../../../shared/assist';
import './assist.css';

export interface TeamPhraseRow {
  /** Stable across edits so React keeps focus in the row being typed in. */
  readonly key: number;
  readonly situation: Situation;
  readonly text: string;
}

export type TeamPhraseError = 'empty' | 'tooLong' | 'controlChars';

export type TeamPhrasesStatus =
  { readonly kind: 'idle' | 'saving' | 'saved' | 'invalid' } | { readonly kind: 'failed'; readonly message: string };

export interface TeamPhrasesEditorProps {
  readonly rows: readonly TeamPhraseRow[];
  /** By row index. */
  readonly errors: Readonly<Record<number, TeamPhraseError>>;
  readonly status: TeamPhrasesStatus;
  readonly onChange: (rows: readonly TeamPhraseRow[]) => void;
  readonly onSave: () => void;
}

/** The team's own empathy phrases in settings: one row a phrase, its situation, add, remove, save. Props only. */
export function TeamPhrasesEditor({ rows, errors, status, onChange, onSave }: TeamPhrasesEditorProps) {
  const { t } = useTranslation();
  const id = useId();
  const update = (index: number, patch: Partial<TeamPhraseRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const nextKey = rows.reduce((max, r) => Math.max(max, r.key), 0) + 1;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave();
  };
  return (
    <form className="team-phrases" aria-labelledby={`${id}-title`} onSubmit={submit} noValidate>
      <h2 id={`${id}-title`}>{t('assist.team.title')}</h2>
      <p className="hint">{t('assist.team.hint', { max: TEAM_PHRASE_LIMITS.entries, chars: TEAM_PHRASE_LIMITS.text })}</p>
      {rows.length === 0 && <p className="hint">{t('assist.team.none')}</p>}
      <ol className="team-phrase-rows">
        {rows.map((row, i) => {
          const error = errors[i];
          const rowId = `${id}-${row.key}`;
          return (
            <li key={row.key} className="team-phrase-row">
              <label className="sr-only" htmlFor={`${rowId}-situation`}>
                {t('assist.team.situation')}
              </label>
              <select
                id={`${rowId}-situation`}
                value={row.situation}
                onChange={(e) => isSituation(e.currentTarget.value) && update(i, { situation: e.currentTarget.value })}
              >
                {SITUATIONS.map((s) => (
                  <option key={s} value={s}>
                    {t(`assist.situations.${s}`)}
                  </option>
                ))}
              </select>
              <label className="sr-only" htmlFor={`${rowId}-text`}>
                {t('assist.team.text', { n: i + 1 })}
              </label>
              <input
                id={`${rowId}-text`}
                type="text"
                value={row.text}
                maxLength={TEAM_PHRASE_LIMITS.text}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${rowId}-error` : undefined}
                onChange={(e) => update(i, { text: e.currentTarget.value })}
              />
              <button
                type="button"
                className="secondary"
                aria-label={t('assist.team.remove', { n: i + 1 })}
                onClick={() => onChange(rows.filter((_, k) => k !== i))}
              >
                ×
              </button>
              {error && (
                <p className="error" id={`${rowId}-error`} role="alert">
                  {t(`assist.team.${error}`, { max: TEAM_PHRASE_LIMITS.text })}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={rows.length >= TEAM_PHRASE_LIMITS.entries}
          onClick={() => onChange([...rows, { key: nextKey, situation: 'acknowledgement', text: '' }])}
        >
          {t('assist.team.add')}
        </button>
        <button type="submit" disabled={status.kind === 'saving'}>
          {t('assist.team.save')}
        </button>
        <p className="save-status" role="status">
          {status.kind === 'saving' && t('assist.team.saving')}
          {status.kind === 'saved' && t('assist.team.saved')}
          {status.kind === 'invalid' && t('assist.team.invalid')}
          {status.kind === 'failed' && t('assist.team.failed', { message: status.message })}
        </p>
      </div>
    </form>
  );
}
