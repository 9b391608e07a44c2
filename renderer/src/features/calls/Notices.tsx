import { type TFunction, useTranslation } from '../../i18n';
import { missingCaseError } from '../../../../shared/result';
import type { Notice } from '../../state/phone-state';

export interface NoticesProps {
  readonly notices: readonly Notice[];
  readonly onDismiss: (id: number) => void;
}

/** What the agent must know happened: refused calls, a hold the far end refused, a failed command. */
export function Notices({ notices, onDismiss }: NoticesProps) {
  const { t } = useTranslation();
  if (notices.length === 0) return null;
  return (
    <ul className="notices" aria-live="polite">
      {notices.map((notice) => (
        <li key={notice.id} className={`notice ${notice.kind}`}>
          <span>{noticeText(notice, t)}</span>
          <button type="button" className="dismiss" onClick={() => onDismiss(notice.id)} aria-label={t('notices.dismiss')}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

function noticeText(notice: Notice, t: TFunction): string {
  switch (notice.kind) {
    case 'refused':
      return t(notice.queue ? 'notices.refusedFromQueue' : 'notices.refused', { caller: notice.caller, queue: notice.queue });
    case 'hold-failed':
      return t(notice.resuming ? 'notices.resumeFailed' : 'notices.holdFailed', { status: notice.status });
    case 'command-failed':
      return t(`notices.commandFailed.${notice.error}`, { command: notice.command });
    case 'call-ended':
      return t(`notices.callEnded.${notice.cause}`, { caller: notice.caller, status: notice.status ?? '' });
    case 'consult-failed':
      return notice.declineReason
        ? t('notices.consultDeclinedBecause', { reason: t(`declineReasons.${notice.declineReason}`) })
        : t(`notices.consultFailed.${notice.reason}`, { status: notice.status ?? '' });
    case 'consult-party-left':
      return t('notices.consultPartyLeft');
    case 'customer-left-during-consult':
      return t('notices.customerLeftDuringConsult', { caller: notice.caller });
    case 'transfer-failed':
      return t('notices.transferFailed', { status: notice.status ?? '' });
    default:
      throw missingCaseError(notice);
  }
}
