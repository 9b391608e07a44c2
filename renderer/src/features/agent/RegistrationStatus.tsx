import { useTranslation } from '../../i18n';
import type { RegistrationStatus as Status } from '../../phone';
import { detailInline, registrationText } from './registration-text';

/** Always visible: is the phone signed in to the server, and if not, why, in plain words. */
export function RegistrationStatus({ status }: { readonly status: Status }) {
  const { t } = useTranslation();
  const { text, detail, tone } = registrationText(status, t);
  // While reconnecting, the socket's last error is for whoever asks (hover): written out, it pushes
  // the status bar onto two lines at 1280 px in the middle of a call. A final failure shows it.
  const inline = detailInline(status);
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
