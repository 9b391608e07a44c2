import { useTranslation } from '../../i18n';
import { memo, useSyncExternalStore } from 'react';
import { dueAt, type Callback } from '../../../../shared/history';
import type { CallbacksStore } from '../../state/callbacks-store';
import './callbacks.css';

const NOTES_SHOWN = 160;

/**
 * Callbacks due, on the agent's home (issue 15): each open callback promised in wrap-up with its
 * due time, the customer and the notes of that call; those due now are announced (role=alert) and
 * offer Call now, Done and Snooze. All remote or typed text is rendered as text.
 */
export const CallbacksPanel = memo(function CallbacksPanel({
  callbacks,
  canCall,
  onCall,
}: {
  readonly callbacks: CallbacksStore;
  /** Signed in and not on a call. */
  readonly canCall: boolean;
  readonly onCall: (number: string) => void;
}) {
  const { t, language } = useTranslation();
  const state = useSyncExternalStore(callbacks.subscribe, callbacks.getSnapshot);
  const due = new Set(state.due.map((c) => c.noteId));
  const first = state.due[0];
  const time = (ms: number) => {
    const sameDay = new Date(ms).toDateString() === new Date().toDateString();
    return new Intl.DateTimeFormat(
      language,
      sameDay ? { timeStyle: 'short' } : { dateStyle: 'short', timeStyle: 'short' },
    ).format(ms);
  };
  return (
    <section className="callbacks-panel" aria-label={t('callbacks.region')} data-testid="callbacks">
      <h2>{t('callbacks.title')}</h2>
      {first && (
        <p className="callback-reminder" role="alert" data-testid="callback-reminder">
          {t('callbacks.reminder', { customer: who(first) })}
          {state.due.length > 1 && ` ${t('callbacks.more', { n: state.due.length - 1 })}`}
        </p>
      )}
      {state.callbacks.length === 0 ? (
        <p className="team-note">{t('callbacks.none')}</p>
      ) : (
        <ul className="callback-list">
          {state.callbacks.map((c) => (
            <li key={c.noteId} className={due.has(c.noteId) ? 'callback callback-due' : 'callback'} data-note={c.noteId}>
              <span className="callback-time">
                {c.snoozedUntil ? t('callbacks.snoozedUntil', { time: time(dueAt(c)) }) : time(c.at)}
              </span>
              <span className="callback-customer">
                {who(c)}
                {c.name && c.number ? ` · ${c.number}` : ''}
              </span>
              {c.notes && (
                <span className="callback-notes">
                  {c.notes.length > NOTES_SHOWN ? `${c.notes.slice(0, NOTES_SHOWN)}…` : c.notes}
                </span>
              )}
              {due.has(c.noteId) && (
                <span className="callback-actions">
                  <button
                    type="button"
                    className="answer"
                    disabled={!canCall || !c.number}
                    onClick={() => c.number && onCall(c.number)}
                  >
                    {t('callbacks.callNow')}
                  </button>
                  <button type="button" onClick={() => void callbacks.done(c.noteId)}>
                    {t('callbacks.done')}
                  </button>
                  <button type="button" onClick={() => void callbacks.snooze(c.noteId)}>
                    {t('callbacks.snooze')}
                  </button>
                </span>
              )}
              {!due.has(c.noteId) && (
                <span className="callback-actions">
                  <button type="button" onClick={() => void callbacks.done(c.noteId)}>
                    {t('callbacks.done')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});

export const who = (c: Callback): string => c.name ?? c.number ?? c.customerKey.replace(/^(tel|ref):/, '');
