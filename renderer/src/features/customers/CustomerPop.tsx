import { useCallback, useEffect, useState } from 'react';
import { customerKeyForNumber, type CustomerView } from '../../../../shared/history';
import type { HostApi } from '../../host';
import { CustomerCard } from './CustomerCard';

export interface CustomerPopProps {
  readonly host: HostApi;
  /** The caller's number as the phone has it (the user part of their address). */
  readonly number: string;
  /** The name the caller presents on this call (untrusted, shown as text). */
  readonly callerName?: string | undefined;
  readonly defaultCountry: string;
  /** The call being talked on: a note written during it is linked to it in the history. */
  readonly callId?: string;
  readonly now?: () => number;
}

/**
 * Container: looks the caller up once per number (nothing for withheld or non-numeric callers),
 * and saves the agent's notes and closed callbacks on the customer, reading the card again after
 * each so it shows what is stored.
 */
/** The customer key of a caller's number; the number parser loads on first use, not at start (issue 19). */
function useCustomerKey(number: string, defaultCountry: string): string | undefined {
  const [found, setFound] = useState<{ readonly number: string; readonly country: string; readonly key?: string }>();
  useEffect(() => {
    let live = true;
    void import('../../../../shared/history/remote-number').then(({ normaliseRemoteNumber }) => {
      const key = customerKeyForNumber(normaliseRemoteNumber(number, defaultCountry));
      if (live) setFound({ number, country: defaultCountry, ...(key ? { key } : {}) });
    });
    return () => {
      live = false;
    };
  }, [number, defaultCountry]);
  return found?.number === number && found.country === defaultCountry ? found.key : undefined;
}

export function CustomerPop({ host, number, callerName, defaultCountry, callId, now = Date.now }: CustomerPopProps) {
  const key = useCustomerKey(number, defaultCountry);
  const [found, setFound] = useState<{ readonly key: string; readonly view: CustomerView } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!key) return;
    let live = true;
    void host.getCustomer(key).then((result) => {
      if (live && result.ok) setFound({ key, view: result.value });
    });
    return () => {
      live = false;
    };
  }, [host, key, version]);

  const addNote = useCallback(
    async (text: string): Promise<string | undefined> => {
      if (!key) return undefined;
      const saved = await host.addCustomerNote({ customerKey: key, text, ...(callId ? { callId } : {}) });
      if (!saved.ok) return saved.error.message;
      setVersion((v) => v + 1);
      return undefined;
    },
    [host, key, callId],
  );
  const closeFollowUp = useCallback(
    (noteId: number) => {
      void host.closeFollowUp({ noteId, closedAt: now() }).then((closed) => {
        setError(closed.ok ? undefined : closed.error.message);
        setVersion((v) => v + 1);
      });
    },
    [host, now],
  );

  if (!found || found.key !== key) return null;
  return (
    <CustomerCard
      customer={found.view}
      onAddNote={addNote}
      onCloseFollowUp={closeFollowUp}
      {...(error ? { error } : {})}
      {...(callerName ? { callerName } : {})}
    />
  );
}
