import { useTranslation } from '../../i18n';
import { useLocaleFormats } from '../../ui/locale-format';
import type { CustomerView } from '../../../../shared/history';
import { dispositionLabel } from '../wrap-up/disposition-label';
import { CustomerNoteForm } from './CustomerNoteForm';
import './customers.css';

export interface CustomerCardProps {
  readonly customer: CustomerView;
  /** Saves a note on this customer; resolves with an error message, or undefined when saved. */
  readonly onAddNote?: (text: string) => Promise<string | undefined>;
  /** Marks a callback owed as made. */
  readonly onCloseFollowUp?: (noteId: number) => void;
  /** Why the last change could not be saved, if it could not. */
  readonly error?: string;
  /** The name the caller presents on this call, if any. */
  readonly callerName?: string;
}

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** The screen pop: this customer's last calls with how they ended, notes, callbacks owed. Props only. */
export function CustomerCard({ customer, onAddNote, onCloseFollowUp, error, callerName }: CustomerCardProps) {
  const { t } = useTranslation();
  const formats = useLocaleFormats();
  const known = customer.lastCalls.length > 0 || customer.notes.length > 0 || customer.openFollowUps.length > 0;
  return (
    <section className="customer-card" aria-label={t('customer.region')} data-testid="customer-card">
      <p className="customer-head">
        <strong>{t('customer.title')}</strong>
        {/* The history is the number's: a shared line (a household, an office) calls under several
            names, so the stored one (the last caller's) is not this caller's name unless it matches. */}
        {customer.name &&
          (!callerName || sameName(callerName, customer.name)
            ? ` · ${customer.name}`
            : ` · ${t('customer.earlierName', { name: customer.name })}`)}
      </p>
      {!known && <p className="hint">{t('customer.new')}</p>}
      {customer.openFollowUps.length > 0 && (
        <>
          <p className="customer-label">{t('customer.followUps')}</p>
          <ul>
            {customer.openFollowUps.map((note) => (
              <li key={note.id}>
                {note.followUp && t('customer.callbackAt', { time: formats.dateTime(note.followUp.at) })}
                {note.followUp?.number && ` · ${note.followUp.number}`}
                {note.text && <span className="customer-text"> — {note.text}</span>}
                {onCloseFollowUp && (
                  <button type="button" className="secondary customer-done" onClick={() => onCloseFollowUp(note.id)}>
                    {t('customer.closeFollowUp')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {customer.lastCalls.length > 0 && (
        <>
          <p className="customer-label">{t('customer.lastCalls')}</p>
          <ul>
            {customer.lastCalls.map((call) => (
              <li key={call.callId}>
                {formats.dateTime(call.endedAt)} · {t(`history.${call.direction}`)}
                {!call.answered && ` · ${t('customer.unanswered')}`}
                {call.disposition && ` · ${dispositionLabel(t, call.disposition)}`}
                {call.escalated && ` · ${t('history.escalatedBadge')}`}
                {call.notes && <span className="customer-text"> — {call.notes}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {customer.notes.length > 0 && (
        <>
          <p className="customer-label">{t('customer.notes')}</p>
          <ul>
            {customer.notes.map((note) => (
              <li key={note.id}>
                {formats.dateTime(note.createdAt)} <span className="customer-text">— {note.text}</span>
                {note.followUp?.closedAt !== undefined && ` · ${t('customer.callbackMade')}`}
              </li>
            ))}
          </ul>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {t('customer.changeFailed', { message: error })}
        </p>
      )}
      {onAddNote && <CustomerNoteForm onSave={onAddNote} />}
    </section>
  );
}
