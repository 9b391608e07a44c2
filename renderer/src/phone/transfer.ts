import type { RTCSession } from 'jssip/lib/RTCSession';
import { referTargetOf } from '../../../shared/call/refer-target';
import type { Call } from './call';
import type { PhoneEvent } from './events';
import type { SafeHeader } from './headers';

/**
 * Attended transfer (RFC 5589 §7): REFER the party of `call` to the party of `consult`, with a
 * Replaces header for the consult dialog in the Refer-To URI (RFC 3891). JsSIP builds that
 * header; its tags were swapped for a consult call we received (#817), see patches/. The
 * Refer-To names the consult dialog's remote target (whoever answered), not the address dialled,
 * which may be a queue: see shared/call/refer-target.ts.
 */
export function referWithReplaces(
  call: Call,
  consult: Call,
  extraHeaders: readonly SafeHeader[],
  emit: (event: PhoneEvent) => void,
): void {
  const options = { replaces: consult.session, extraHeaders: [...extraHeaders], eventHandlers: referOutcome(call, emit) };
  const target = referTargetOf({
    remoteIdentity: consult.session.remote_identity.uri.toString(),
    ...remoteTargetOf(consult.session),
  });
  call.session.refer(target, options as Parameters<RTCSession['refer']>[1]);
}

/** JsSIP keeps the dialog's remote target (RFC 3261 §12.1) on a private field; read it defensively. */
function remoteTargetOf(session: RTCSession): { remoteTarget?: string } {
  const dialog = (session as unknown as { _dialog?: { _remote_target?: { toString(): string } } })._dialog;
  const target = dialog?._remote_target?.toString();
  return typeof target === 'string' ? { remoteTarget: target } : {};
}

/**
 * A REFER's outcome as our events: `accepted` is the NOTIFY with a 2xx sipfrag (the transfer
 * target answered), `failed` a NOTIFY with a final failure, `requestFailed` a refused REFER.
 */
function referOutcome(call: Call, emit: (event: PhoneEvent) => void) {
  const callId = call.id;
  return {
    accepted: () => emit({ type: 'transfer-accepted', callId }),
    failed: (data: { status_line?: { status_code?: number } }) =>
      emit({ type: 'transfer-failed', callId, ...statusOf(data.status_line?.status_code) }),
    requestFailed: (data: { response?: { status_code?: number } }) =>
      emit({ type: 'transfer-failed', callId, ...statusOf(data.response?.status_code) }),
  };
}

function statusOf(code: number | undefined): { status?: number } {
  return typeof code === 'number' ? { status: code } : {};
}

/**
 * Blind transfer (RFC 3515): REFER the party of `call` to `target` without Replaces; the
 * escalation context may ride along as extra headers where the server passes them.
 */
export function referBlind(
  call: Call,
  targetUri: string,
  extraHeaders: readonly SafeHeader[],
  emit: (event: PhoneEvent) => void,
): void {
  const options = { extraHeaders: [...extraHeaders], eventHandlers: referOutcome(call, emit) };
  call.session.refer(targetUri, options as Parameters<RTCSession['refer']>[1]);
}
