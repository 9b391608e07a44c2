import { useEffect, useState } from 'react';
import { decodeEscalationContext, type DecodedContext } from '../../../../shared/escalation';
import type { HostApi } from '../../host';
import { OVERSIZED_CONTEXT } from '../../phone';

/** Decodes and verifies a received context once per header (the team key comes from the host). */
export function useHandoff(header: string | undefined, host: HostApi): DecodedContext | undefined {
  const [decoded, setDecoded] = useState<{ readonly header: string; readonly value: DecodedContext } | undefined>();
  useEffect(() => {
    if (!header) return;
    let live = true;
    void (async () => {
      const value: DecodedContext =
        header === OVERSIZED_CONTEXT
          ? { status: 'unreadable', why: 'oversized' }
          : await decodeEscalationContext(header, await host.getTeamKey().then((r) => (r.ok ? r.value : '')));
      if (live) setDecoded({ header, value });
    })();
    return () => {
      live = false;
    };
  }, [header, host]);
  return decoded && decoded.header === header ? decoded.value : undefined;
}
