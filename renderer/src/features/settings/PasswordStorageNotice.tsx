import { useTranslation } from '../../i18n';
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../../shared/host-api';
import type { HostApi } from '../../host';
import type { SecretsKept } from './SettingsForm';

/** How this Warmline keeps the SIP password and team key, as the host reports it (app info). */
export type SecretKeeping = Pick<AppInfo, 'host' | 'passwordStorage'>;

/** For the form's hints: stored encrypted, or held in the host's memory until Warmline stops. */
export const secretsKept = (keeping: SecretKeeping): SecretsKept =>
  keeping.passwordStorage === 'encrypted' ? 'stored' : 'memory';

/** Why the secrets are kept in memory only, as the agent can act on it; none when they are stored. */
function noteKey({ host, passwordStorage }: SecretKeeping) {
  if (passwordStorage === 'memory-no-keyring') return 'settings.passwordNoKeyring';
  if (passwordStorage === 'encrypted') return undefined;
  // Browser mode without WARMLINE_SECRET_KEY; the desktop app where the OS offers no encryption.
  return host === 'browser' ? 'settings.passwordNoSecretKey' : 'settings.passwordMemory';
}

/** Says so when the password and team key are kept in memory only, and why. */
export function PasswordStorageNote({ keeping }: { readonly keeping: SecretKeeping | undefined }) {
  const { t } = useTranslation();
  const key = keeping && noteKey(keeping);
  if (!key) return null;
  return (
    <p className="hint" role="note" data-testid="password-storage-notice">
      {t(key)}
    </p>
  );
}

/** Asks the host where it keeps secrets; undefined until it answers. */
export function useSecretKeeping(host: Pick<HostApi, 'getAppInfo'>): SecretKeeping | undefined {
  const [keeping, setKeeping] = useState<SecretKeeping>();
  useEffect(() => {
    let live = true;
    void host.getAppInfo().then((info) => {
      if (live && info.ok) setKeeping({ host: info.value.host, passwordStorage: info.value.passwordStorage });
    });
    return () => {
      live = false;
    };
  }, [host]);
  return keeping;
}
