import { useTranslation } from '../../i18n';
import { useId, useState } from 'react';
import { CUSTOMER_LIMITS } from '../../../../shared/history';
import { TextLimit } from '../../ui/TextLimit';
import { noteTextProblem, type NoteTextProblem } from './note-text';

export interface CustomerNoteFormProps {
  /** Resolves with an error message to show, or undefined once the note is saved. */
  readonly onSave: (text: string) => Promise<string | undefined>;
}

/** "Add a note" behind a button, so the ringing card stays short. Keeps the text until it is saved. */
export function CustomerNoteForm({ onSave }: CustomerNoteFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<NoteTextProblem | undefined>();
  const [failed, setFailed] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  if (!open) {
    return (
      <button type="button" className="secondary customer-add-note" onClick={() => setOpen(true)}>
        {t('customer.addNote')}
      </button>
    );
  }

  const save = async () => {
    const found = noteTextProblem(text);
    setProblem(found);
    setFailed(undefined);
    if (found) return;
    setSaving(true);
    const error = await onSave(text);
    setSaving(false);
    if (error !== undefined) return setFailed(error);
    setText('');
    setOpen(false);
  };

  return (
    <form
      className="customer-note-form"
      aria-label={t('customer.addNote')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor={`${id}-text`}>{t('customer.noteLabel')}</label>
      <textarea
        id={`${id}-text`}
        rows={3}
        maxLength={CUSTOMER_LIMITS.noteText}
        value={text}
        aria-invalid={problem !== undefined || undefined}
        aria-describedby={problem || failed ? `${id}-error` : undefined}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <TextLimit fieldId={`${id}-text`} length={text.length} max={CUSTOMER_LIMITS.noteText} />
      {(problem || failed) && (
        <p className="error" role="alert" id={`${id}-error`}>
          {problem
            ? t(`customer.noteProblem.${problem}`, { max: CUSTOMER_LIMITS.noteText })
            : t('customer.noteFailed', { message: failed })}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={saving}>
          {t('customer.saveNote')}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {t('customer.cancelNote')}
        </button>
      </div>
    </form>
  );
}
