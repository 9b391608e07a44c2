/**
 * Where the customer goes when the agent completes a warm transfer (RFC 5589 §7, RFC 3891).
 *
 * The consult dialog's remote target is the Contact of the party that actually answered. The
 * address the agent dialled (its remote identity, the To URI) may be a queue or a group that
 * forks: sending the customer there makes them a new caller in the queue, behind the very consult
 * call they should replace, and the transfer never lands. So the remote target is used whenever
 * it is a usable SIP URI, for a queue, a colleague and an outside number alike.
 */
export interface ConsultDialogView {
  /** The Contact URI of the far end of the consult dialog (untrusted: it came from the network). */
  readonly remoteTarget?: string;
  /** The address the consult was dialled to (To URI): only a fallback. */
  readonly remoteIdentity: string;
}

/** Longest URI we put in a Refer-To; a Contact longer than this is not ours to forward. */
export const MAX_REFER_TARGET = 512;

// A SIP or SIPS URI without URI headers ("?…") and without characters that could end the
// header field or the <…> around it.
const SIP_URI = /^sips?:[^\s<>"?]+$/i;

export function referTargetOf(dialog: ConsultDialogView): string {
  const contact = usable(dialog.remoteTarget);
  return contact ?? dialog.remoteIdentity;
}

function usable(uri: string | undefined): string | undefined {
  if (uri === undefined || uri.length > MAX_REFER_TARGET) return undefined;
  return SIP_URI.test(uri) ? uri : undefined;
}
