import { useTranslation } from '../../i18n';
import { useEffect, useState } from 'react';
import { localeFormats } from '../../ui/locale-format';
import type { InterruptedCallNotes } from '../../../../shared/history/call-notes';
import type { HostApi } from '../../host';
import './interrupted-notes.css';

export interface InterruptedNotesProps {
  readonly host: Pick<HostApi, 'listInterruptedCallNotes' | 'dismissCallNotes'>;
  /** Calls up right now: their notes are in their own notes box, not interrupted. */
  readonly liveCallIds: readonly string[];
}

/**
 * Notes typed during a call that ended without a wrap-up (the app or its window stopped during
 * the call): shown until the agent has dealt with them, so nothing typed is lost.
 */
export function InterruptedNotes({ host, liveCallIds }: InterruptedNotesProps) {
  const { t, language } = useTranslation();
  const [items, setItems] = useState<readonly InterruptedCallNotes[]>([]);
  useEffect(() => {
    let live = true;
    void host.listInterruptedCallNotes().then((result) => live && result.ok && setItems(result.value));
    return () => {
      live = false;
    };
  }, [host]);

  const shown = items.filter((item) => !liveCallIds.includes(item.callId));
  if (shown.length === 0) return null;
  const formats = localeFormats(language);
  return (
    <section className="interrupted-notes" aria-label={t('wrapUp.interrupted.region')}>
      {shown.map((item) => (
        <article key={item.callId} className="notice" data-testid="interrupted-notes">
          <h2>
            {t('wrapUp.interrupted.title', {
              caller: item.remoteName || item.remoteNumber || t('wrapUp.interrupted.unknownCaller'),
              time: formats.dateTime(item.startedAt),
            })}
          </h2>
          <p className="interrupted-notes-text">{item.notes}</p>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              void host
                .dismissCallNotes({ callId: item.callId })
                .then((done) => done.ok && setItems((all) => all.filter((i) => i.callId !== item.callId)))
            }
          >
            {t('wrapUp.interrupted.dismiss')}
          </button>
        </article>
      ))}
    </section>
  );
}
