import { useEffect, useState } from 'react';
import type { DecodedContext, ReceivedOn } from '../../../../shared/escalation';
import type { HostApi } from '../../host';
import { decodeReceivedContext } from '../../state/received-context';

/** Decodes and judges a received context once per header (the team key comes from the host). */
export function useHandoff(
  header: string | undefined,
  received: ReceivedOn | undefined,
  host: HostApi,
): DecodedContext | undefined {
  const [decoded, setDecoded] = useState<{ readonly header: string; readonly value: DecodedContext } | undefined>();
  useEffect(() => {
    if (!header) return;
    let live = true;
    void (async () => {
      const value = await decodeReceivedContext(header, received, host);
      if (live) setDecoded({ header, value });
    })();
    return () => {
      live = false;
    };
  }, [header, received, host]);
  return decoded && decoded.header === header ? decoded.value : undefined;
}
