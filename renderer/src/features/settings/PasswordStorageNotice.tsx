import { useTranslation } from '../../i18n';
import { useEffect, useState } from 'react';
import type { PasswordStorage } from '../../../../shared/host-api';
import type { HostApi } from '../../host';

/** Says so when the desktop app keeps the password in memory only because the OS has no keyring. */
export function PasswordStorageNote({ storage }: { readonly storage: PasswordStorage | undefined }) {
  const { t } = useTranslation();
  if (storage !== 'memory-no-keyring') return null;
  return (
    <p className="hint" role="note" data-testid="password-storage-notice">
      {t('settings.passwordNoKeyring')}
    </p>
  );
}

/** Container: asks the host where it keeps secrets. */
export function PasswordStorageNotice({ host }: { readonly host: Pick<HostApi, 'getAppInfo'> }) {
  const [storage, setStorage] = useState<PasswordStorage>();
  useEffect(() => {
    let live = true;
    void host.getAppInfo().then((info) => {
      if (live && info.ok) setStorage(info.value.passwordStorage);
    });
    return () => {
      live = false;
    };
  }, [host]);
  return <PasswordStorageNote storage={storage} />;
}
