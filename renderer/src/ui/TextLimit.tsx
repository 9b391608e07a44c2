import { useEffect, useState } from 'react';
import { charactersCut, showsCounter } from '../../../shared/text-limit';
import { useTranslation } from '../i18n';

export interface TextLimitProps {
  /** The id of the field (textarea or input) whose maxLength is `max`. */
  readonly fieldId: string;
  readonly length: number;
  readonly max: number;
}

/**
 * Beside a field with a limit: a counter once the text nears it, and, when a paste or a drop did
 * not fit, how many characters were left out (walk fault 3). It listens to the field itself, so a
 * form only places it. Text typed past the limit stops at it, as the counter shows.
 */
export function TextLimit({ fieldId, length, max }: TextLimitProps) {
  const { t } = useTranslation();
  const [cut, setCut] = useState(0);
  useEffect(() => {
    const field = document.getElementById(fieldId);
    if (!(field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement)) return;
    const measure = (inserted: string) =>
      setCut(
        charactersCut(
          { length: field.value.length, selectionStart: field.selectionStart ?? 0, selectionEnd: field.selectionEnd ?? 0, max },
          inserted.length,
        ),
      );
    const onPaste = (e: ClipboardEvent) => measure(e.clipboardData?.getData('text/plain') ?? '');
    const onDrop = (e: DragEvent) => measure(e.dataTransfer?.getData('text/plain') ?? '');
    // Once the agent has made room, the message has done its work.
    const onInput = () => field.value.length < max && setCut(0);
    const target: HTMLElement = field;
    target.addEventListener('paste', onPaste);
    target.addEventListener('drop', onDrop);
    target.addEventListener('input', onInput);
    return () => {
      target.removeEventListener('paste', onPaste);
      target.removeEventListener('drop', onDrop);
      target.removeEventListener('input', onInput);
    };
  }, [fieldId, max]);
  if (cut === 0 && !showsCounter(length, max)) return null;
  return (
    <p className="hint text-limit" data-testid="text-limit">
      <span aria-live="polite">{t('textLimit.count', { length, max })}</span>
      {cut > 0 && (
        <span className="error" role="alert">
          {' '}
          {t('textLimit.cut', { count: cut })}
        </span>
      )}
    </p>
  );
}
