import type { TFunction } from '../../i18n/translator';
import { missingCaseError } from '../../../../shared/result';
import type { RegistrationStatus } from '../../phone';

/** How the registration line reads: text, detail (the socket's last error) and tone (the CSS class). */
export interface RegistrationText {
  readonly text: string;
  readonly detail: string | undefined;
  readonly tone: 'idle' | 'busy' | 'ok' | 'warn' | 'error';
}

/** The registration in words: one copy for the React status bar and the start shell before it (boot/). */
export function registrationText(status: RegistrationStatus, t: TFunction): RegistrationText {
  switch (status.state) {
    case 'stopped':
      return { text: t('registration.stopped'), detail: undefined, tone: 'idle' };
    case 'connecting':
      return status.lastFailure
        ? { text: t('registration.reconnecting', { attempt: status.attempt }), detail: status.lastFailure.detail, tone: 'warn' }
        : { text: t('registration.connecting'), detail: undefined, tone: 'busy' };
    case 'registering':
      return { text: t('registration.registering'), detail: undefined, tone: 'busy' };
    case 'registered':
      return {
        text: t(status.recovered ? 'registration.reconnected' : 'registration.registered'),
        detail: undefined,
        tone: 'ok',
      };
    case 'unregistered':
      return { text: t('registration.unregistered'), detail: undefined, tone: 'idle' };
    case 'failed':
      return { text: t(`registration.failure.${status.failure.reason}`), detail: status.failure.detail, tone: 'error' };
    default:
      throw missingCaseError(status);
  }
}

/** While reconnecting, the detail is for whoever hovers (written out it wraps the bar); a final failure shows it inline. */
export const detailInline = (status: RegistrationStatus) => status.state === 'failed';
