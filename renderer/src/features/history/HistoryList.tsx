import { useTranslation } from '../../i18n';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useLocaleFormats } from '../../ui/locale-format';
import type { HistoryItem } from '../../../../shared/history';
import { escalationOutcomeText, historyOutcome, historyTargetText } from '../../ui/escalation-outcome';
import { formatDuration } from '../../ui/format';
import { dispositionLabel } from '../wrap-up/disposition-label';

/** The filter form as the agent sets it; empty strings mean "any". */
export interface HistoryFilterValues {
  /** Local calendar days as a date input gives them (`YYYY-MM-DD`), both included. */
  readonly fromDate: string;
  readonly toDate: string;
  readonly direction: '' | 'inbound' | 'outbound';
  readonly disposition: string;
  readonly escalated: '' | 'yes' | 'no';
  readonly query: string;
}

export const NO_FILTER: HistoryFilterValues = {
  fromDate: '',
  toDate: '',
  direction: '',
  disposition: '',
  escalated: '',
  query: '',
};

/** Why the filter form cannot be asked as it stands (see shared/history/local-days.ts). */
export type HistoryFilterError = 'invalidFrom' | 'invalidTo' | 'toBeforeFrom';

export type HistoryLoad =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly items: readonly HistoryItem[]; readonly more: boolean }
  | { readonly kind: 'failed'; readonly message: string };

export interface HistoryListProps {
  readonly filter: HistoryFilterValues;
  readonly dispositions: readonly string[];
  readonly load: HistoryLoad;
  readonly exporting: boolean;
  readonly exportError?: string;
  readonly filterError?: HistoryFilterError;
  readonly onFilter: (filter: HistoryFilterValues) => void;
  readonly onMore: () => void;
  readonly onExport: () => void;
  /** The player of a call's recording (a container: it loads the audio from the host). */
  readonly recordingPlayer?: (item: HistoryItem) => ReactNode;
  /** Deletes the call (its notes and recording too) after the agent confirms in the row's own actions. */
  readonly onDelete?: (callId: string) => void;
  readonly deleteError?: string;
}

/** Call history: filters, a table of calls newest first, CSV export. Props only. */
export function HistoryList({
  filter,
  dispositions,
  load,
  exporting,
  exportError,
  filterError,
  onFilter,
  onMore,
  onExport,
  recordingPlayer,
  onDelete,
  deleteError,
}: HistoryListProps) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState<string | undefined>();
  const formats = useLocaleFormats();
  const id = useId();
  const set = <K extends keyof HistoryFilterValues>(key: K, value: HistoryFilterValues[K]) =>
    onFilter({ ...filter, [key]: value });

  return (
    <section className="history" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('history.title')}</h1>
      <div className="field-row history-filters" role="search">
        <div className="field">
          <label htmlFor={`${id}-query`}>{t('history.search')}</label>
          <input
            id={`${id}-query`}
            type="search"
            maxLength={200}
            value={filter.query}
            onChange={(e) => set('query', e.currentTarget.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('history.fromDate')}</label>
          <input
            id={`${id}-from`}
            type="date"
            min="1970-01-01"
            max="9999-12-31"
            value={filter.fromDate}
            aria-invalid={filterError === 'invalidFrom' || undefined}
            onChange={(e) => set('fromDate', e.currentTarget.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('history.toDate')}</label>
          <input
            id={`${id}-to`}
            type="date"
            min={filter.fromDate || '1970-01-01'}
            max="9999-12-31"
            value={filter.toDate}
            aria-invalid={filterError === 'invalidTo' || filterError === 'toBeforeFrom' || undefined}
            aria-describedby={filterError ? `${id}-date-error` : undefined}
            onChange={(e) => set('toDate', e.currentTarget.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-direction`}>{t('history.direction')}</label>
          <select
            id={`${id}-direction`}
            value={filter.direction}
            onChange={(e) => set('direction', e.currentTarget.value as HistoryFilterValues['direction'])}
          >
            <option value="">{t('history.any')}</option>
            <option value="inbound">{t('history.inbound')}</option>
            <option value="outbound">{t('history.outbound')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-disposition`}>{t('history.disposition')}</label>
          <select id={`${id}-disposition`} value={filter.disposition} onChange={(e) => set('disposition', e.currentTarget.value)}>
            <option value="">{t('history.any')}</option>
            {dispositions.map((code) => (
              <option key={code} value={code}>
                {dispositionLabel(t, code)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-escalated`}>{t('history.escalated')}</label>
          <select
            id={`${id}-escalated`}
            value={filter.escalated}
            onChange={(e) => set('escalated', e.currentTarget.value as HistoryFilterValues['escalated'])}
          >
            <option value="">{t('history.any')}</option>
            <option value="yes">{t('history.yes')}</option>
            <option value="no">{t('history.no')}</option>
          </select>
        </div>
      </div>
      {filterError && (
        <p className="error" role="alert" id={`${id}-date-error`}>
          {t(`history.${filterError}`)}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onExport} disabled={exporting || filterError !== undefined}>
          {t('history.export')}
        </button>
        {deleteError && (
          <p className="error" role="alert">
            {t('history.delete.failed', { message: deleteError })}
          </p>
        )}
        {exportError && (
          <p className="error" role="alert">
            {t('history.exportFailed', { message: exportError })}
          </p>
        )}
      </div>

      {!filterError && load.kind === 'loading' && <p role="status">{t('history.loading')}</p>}
      {!filterError && load.kind === 'failed' && <p role="alert">{t('history.loadFailed', { message: load.message })}</p>}
      {!filterError && load.kind === 'ready' && load.items.length === 0 && <p role="status">{t('history.empty')}</p>}
      {!filterError && load.kind === 'ready' && load.items.length > 0 && (
        <table className="history-table">
          <thead>
            <tr>
              <th scope="col">{t('history.when')}</th>
              <th scope="col">{t('history.direction')}</th>
              <th scope="col">{t('history.caller')}</th>
              <th scope="col">{t('history.talk')}</th>
              <th scope="col">{t('history.disposition')}</th>
              <th scope="col">{t('history.notes')}</th>
              {recordingPlayer && <th scope="col">{t('history.recording.column')}</th>}
              {onDelete && <th scope="col">{t('history.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {load.items.map((item) => (
              <tr key={item.callId} data-testid="history-row">
                <td>{formats.dateTime(item.endedAt)}</td>
                <td>{t(`history.${item.direction}`)}</td>
                <td className="history-customer">
                  {item.remoteName || item.remoteNumber}
                  {item.remoteName && <span className="hint"> {item.remoteNumber}</span>}
                  {item.escalationId && <span className="badge"> {t('history.escalatedBadge')}</span>}
                  {item.escalation && (
                    <span className="hint history-escalation" data-testid="history-escalation">
                      {' '}
                      {item.escalation.direction === 'received'
                        ? t('escalationOutcome.received')
                        : escalationOutcomeText(historyOutcome(item.escalation), historyTargetText(item.escalation.target, t), t)}
                    </span>
                  )}
                  {item.supervisions?.map((s, i) => (
                    <span key={i} className="hint history-supervision" data-testid="history-supervision">
                      {' '}
                      {t(`supervision.history.${s.mode}`, {
                        supervisor: s.supervisor,
                        from: clockTime(s.start),
                        to: clockTime(s.end),
                      })}
                    </span>
                  ))}
                </td>
                <td>{formatDuration(item.talkMs)}</td>
                <td>{item.disposition ? dispositionLabel(t, item.disposition) : ''}</td>
                <td className="history-notes">{item.notes}</td>
                {recordingPlayer && <td className="history-recording">{item.recording && recordingPlayer(item)}</td>}
                {onDelete && (
                  <td className="history-call-actions">
                    {confirming === item.callId ? (
                      <DeleteCallConfirm
                        withRecording={item.recording !== undefined}
                        onDelete={() => onDelete(item.callId)}
                        onKeep={() => setConfirming(undefined)}
                      />
                    ) : (
                      <button type="button" className="secondary" onClick={() => setConfirming(item.callId)}>
                        {t('history.delete.button')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!filterError && load.kind === 'ready' && load.more && (
        <button type="button" className="secondary" onClick={onMore}>
          {t('history.more')}
        </button>
      )}
    </section>
  );
}

/**
 * Deleting a call takes it out of the history with everything that is the call's: its notes and,
 * if it has one, its recording (the customer's own notes stay). The question says so; Keep is
 * focused, so Enter or Space right after the first click keeps the call.
 */
function DeleteCallConfirm({
  withRecording,
  onDelete,
  onKeep,
}: {
  readonly withRecording: boolean;
  readonly onDelete: () => void;
  readonly onKeep: () => void;
}) {
  const { t } = useTranslation();
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    keep.current?.focus();
  }, []);
  const question = t(withRecording ? 'history.delete.confirmWithRecording' : 'history.delete.confirm');
  return (
    <span role="group" aria-label={question} className="history-delete-confirm">
      <span className="question">{question}</span>
      <button type="button" className="danger" onClick={onDelete}>
        {t('history.delete.yes')}
      </button>
      <button type="button" className="secondary" ref={keep} onClick={onKeep}>
        {t('history.delete.cancel')}
      </button>
    </span>
  );
}

/** A supervision stretch's from–to, to the second: stretches are often under a minute. */
const clockTime = (at: number) =>
  new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
