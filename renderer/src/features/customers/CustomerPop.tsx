import { useEffect, useState } from 'react';
import { customerKeyForNumber, normaliseRemoteNumber, type CustomerView } from '../../../../shared/history';
import type { HostApi } from '../../host';
import { CustomerCard } from './CustomerCard';

export interface CustomerPopProps {
  readonly host: HostApi;
  /** The caller's number as the phone has it (the user part of their address). */
  readonly number: string;
  readonly defaultCountry: string;
}

/** Container: looks the caller up once per number; nothing for withheld or non-numeric callers. */
export function CustomerPop({ host, number, defaultCountry }: CustomerPopProps) {
  const key = customerKeyForNumber(normaliseRemoteNumber(number, defaultCountry));
  const [found, setFound] = useState<{ readonly key: string; readonly view: CustomerView } | undefined>();
  useEffect(() => {
    if (!key) return;
    let live = true;
    void host.getCustomer(key).then((result) => {
      if (live && result.ok) setFound({ key, view: result.value });
    });
    return () => {
      live = false;
    };
  }, [host, key]);
  return found && found.key === key ? <CustomerCard customer={found.view} /> : null;
}
