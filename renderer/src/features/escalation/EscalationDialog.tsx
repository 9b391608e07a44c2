import { useTranslation } from '../../i18n';
import { useState, useSyncExternalStore } from 'react';
import {
  encodeEscalationContext,
  newEscalationId,
  USER_TO_USER_HEADER,
  type EscalationEncodeError,
} from '../../../../shared/escalation';
import type { SettingsView } from '../../../../shared/settings';
import type { HostApi } from '../../host';
import {
  CONTEXT_HEADER,
  MAX_CONTEXT_HEADER_VALUE,
  newSipCallId,
  referredByWithContext,
  sipHeader,
  type SafeHeader,
} from '../../phone';
import type { EscalationLog } from '../../state/escalation-log';
import type { CallEntry } from '../../state/phone-state';
import type { PhoneStore } from '../../state/phone-store';
import type { TeamStore } from '../../state/team-store';
import { formatDuration } from '../../ui/format';
import { useClock } from '../../ui/use-clock';
import { contextInput, EMPTY_DRAFT, targetAddress, transferTargetOf, withReason, type EscalationDraft } from './escalation-draft';
import { escalationAvailability } from './availability';
import { fieldAtFault } from './field-at-fault';
import { EscalationPanel } from './EscalationPanel';
import { escalationDrafts } from './draft-memory';

const ENCODE_ERRORS: Readonly<Record<EscalationEncodeError['code'], string>> = {
  'invalid-context': 'escalation.errors.invalid',
  'crypto-unavailable': 'escalation.errors.crypto',
  'no-team-key': 'escalation.errors.noTeamKey',
};

export interface EscalationDialogProps {
  readonly entry: CallEntry;
  readonly store: PhoneStore;
  readonly host: HostApi;
  readonly settings: SettingsView;
  readonly escalations: EscalationLog;
  /** The team board: who is free in each target queue, and which colleagues to consult directly. */
  readonly team: TeamStore;
  /** Preselected queue (e.g. "try the other queue" after a failed consult). */
  readonly queue?: 'senior' | 'technical';
  readonly onClose: () => void;
}

/** Container: builds, signs and attaches the context, then starts the consult (or a blind transfer). */
export function EscalationDialog({ entry, store, host, settings, escalations, team, queue, onClose }: EscalationDialogProps) {
  // Its own clock (time on the call), so a tick renders the dialog only, not the phone screen.
  const now = useClock(true);
  const { t } = useTranslation();
  const callId = entry.info.callId;
  // After a cancelled or failed consult the panel reopens as the agent left it ("try the other queue" only changes the target).
  const [current, setDraftState] = useState<EscalationDraft>(() => {
    const kept = escalationDrafts.recall(callId) ?? EMPTY_DRAFT;
    return queue ? { ...kept, target: queue } : kept;
  });
  const setDraft = (next: EscalationDraft | ((d: EscalationDraft) => EscalationDraft)) =>
    setDraftState((d) => {
      const value = typeof next === 'function' ? next(d) : next;
      escalationDrafts.keep(callId, value);
      return value;
    });
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const teamState = useSyncExternalStore(team.subscribe, team.getSnapshot);

  const send = async (mode: 'consult' | 'blind', draft: EscalationDraft = current) => {
    if (draft.summary.trim() === '') return setError(t('escalation.errors.summary'));
    const target = transferTargetOf(draft);
    if (
      (target.kind === 'agent' && target.agentId === '') ||
      (target.kind === 'external' && !/^\+?[0-9*#]{1,32}$/.test(target.number))
    ) {
      return setError(t('escalation.errors.target'));
    }
    setBusy(true);
    const key = await host.getTeamKey();
    const agentId = settings.authUser || settings.sipUri.replace(/^sips?:/, '').split('@')[0] || 'agent';
    const input = contextInput(draft, entry, { id: agentId, name: settings.displayName }, newEscalationId(), Date.now());
    // A consult's context is sealed to the Call-ID its INVITE will carry; a blind transfer's, to
    // the customer it passes through (their phone sends that INVITE): see shared/escalation/sealed.ts.
    const sipCallId = newSipCallId();
    const encoded = await encodeEscalationContext(input, key.ok ? key.value : '', {
      binding: mode === 'consult' ? { kind: 'consult', sipCallId } : { kind: 'blind', customer: entry.info.remote.number },
    });
    if (!encoded.ok) {
      setBusy(false);
      const field = encoded.error.code === 'invalid-context' ? fieldAtFault(encoded.error.issues) : undefined;
      return setError(
        field ? t('escalation.errors.invalidField', { field: t(`escalation.${field}`) }) : t(ENCODE_ERRORS[encoded.error.code]),
      );
    }
    // A consult INVITE is ours and carries the context itself. A blind transfer's INVITE is the
    // customer's phone's: the context rides in the REFER's Referred-By, which it copies (RFC 3892).
    const headers: SafeHeader[] =
      mode === 'consult'
        ? [
            sipHeader(CONTEXT_HEADER, encoded.value.header, MAX_CONTEXT_HEADER_VALUE),
            sipHeader(USER_TO_USER_HEADER, encoded.value.userToUser),
          ]
        : [referredByWithContext(settings.sipUri, encoded.value.header)];
    const address = targetAddress(target, settings);
    const result =
      mode === 'consult'
        ? await store.startConsult(entry.info.callId, target, address, headers, sipCallId)
        : store.blindTransfer(entry.info.callId, target, address, headers);
    setBusy(false);
    if (result.ok) {
      escalations.sent(entry.info.callId, encoded.value.context, mode);
      onClose();
    } else setError(t(`notices.commandFailed.${result.error}`));
  };

  return (
    <EscalationPanel
      customer={entry.info.remote.name ?? entry.info.remote.number}
      {...(entry.info.queue ? { queue: entry.info.queue.name } : {})}
      onCallFor={formatDuration(now - entry.call.startedAt)}
      draft={current}
      {...(error ? { error } : {})}
      availability={escalationAvailability(teamState, settings)}
      onConsultColleague={(user) => {
        // Choosing a free colleague is a consult to that named agent: the draft says so, should the consult fail and the panel reopen.
        const chosen: EscalationDraft = { ...current, target: 'agent', targetValue: user };
        setDraft(chosen);
        void send('consult', chosen);
      }}
      busy={busy}
      onChange={(d) => {
        setDraft(d);
        setError(undefined);
      }}
      onReason={(reason) => setDraft((d) => withReason(d, reason))}
      onConsult={() => void send('consult')}
      onBlind={() => void send('blind')}
      onClose={onClose}
    />
  );
}
