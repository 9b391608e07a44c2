import { type TFunction, useTranslation } from '../../i18n';
import { missingCaseError } from '../../../../shared/result';
import type { RegistrationStatus as Status } from '../../phone';

/** Always visible: is the phone signed in to the server, and if not, why, in plain words. */
export function RegistrationStatus({ status }: { readonly status: Status }) {
  const { t } = useTranslation();
  const [text, detail, tone] = describe(status, t);
  // While reconnecting, the socket's last error is for whoever asks (hover): written out, it pushes
  // the status bar onto two lines at 1280 px in the middle of a call. A final failure shows it.
  const inline = status.state === 'failed';
  return (
    <span
      className={`registration ${tone}`}
      data-testid="registration"
      role="status"
      aria-live="polite"
      {...(detail && !inline ? { title: detail } : {})}
    >
      <span className="text">{text}</span>
      {detail && inline && <span className="detail"> ({detail})</span>}
    </span>
  );
}

function describe(status: Status, t: TFunction): [string, string | undefined, string] {
  switch (status.state) {
    case 'stopped':
      return [t('registration.stopped'), undefined, 'idle'];
    case 'connecting':
      return status.lastFailure
        ? [t('registration.reconnecting', { attempt: status.attempt }), status.lastFailure.detail, 'warn']
        : [t('registration.connecting'), undefined, 'busy'];
    case 'registering':
      return [t('registration.registering'), undefined, 'busy'];
    case 'registered':
      return [t(status.recovered ? 'registration.reconnected' : 'registration.registered'), undefined, 'ok'];
    case 'unregistered':
      return [t('registration.unregistered'), undefined, 'idle'];
    case 'failed':
      return [t(`registration.failure.${status.failure.reason}`), status.failure.detail, 'error'];
    default:
      throw missingCaseError(status);
  }
}
