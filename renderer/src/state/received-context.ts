import type { DecodedContext, ReceivedOn } from '../../../shared/escalation';
import type { HostApi } from '../host';
import { OVERSIZED_CONTEXT } from '../phone';
import type * as DecoderModule from './received-context-decoder';

type Decoder = typeof DecoderModule;

/**
 * A received context, decoded and judged against the INVITE it came on (`on`, from the phone)
 * with the team key from the host. Every reader of a received context goes through here. The
 * decoder (the codec, the signature check, the older formats) is fetched with the first context
 * an agent receives, not at start (issue 19).
 */
export async function decodeReceivedContext(
  header: string,
  on: ReceivedOn | undefined,
  host: Pick<HostApi, 'getTeamKey'>,
): Promise<DecodedContext> {
  if (header === OVERSIZED_CONTEXT) return { status: 'unreadable', why: 'oversized' };
  const [key, { decodeWithGuard }] = await Promise.all([host.getTeamKey(), preloadReceivedContextDecoder()]);
  return decodeWithGuard(header, key.ok ? key.value : '', on);
}

let decoder: Promise<Decoder> | undefined;

/** Fetches the decoder's chunk once (on idle after signing in), again after a failed fetch. */
export function preloadReceivedContextDecoder(): Promise<Decoder> {
  return (decoder ??= import('./received-context-decoder').catch((error: unknown) => {
    decoder = undefined;
    throw error;
  }));
}
