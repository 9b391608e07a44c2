import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentState } from '../../shared/agent';
import type { SettingsView } from '../../shared/settings';
import { SettingsScreen } from './features/settings/SettingsScreen';
import type { HostApi } from './host';
import { setLanguage } from './i18n';
import { StatusBar } from './ui/StatusBar';

type Load =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly settings: SettingsView }
  | { readonly kind: 'failed'; readonly message: string };

/** Until the phone is wired in (issue 3), the agent is Offline. */
const OFFLINE: AgentState = { kind: 'offline' };

export function App({ host }: { readonly host: HostApi }) {
  const { t } = useTranslation();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    void host.getSettings().then(async (result) => {
      if (!live) return;
      if (!result.ok) return setLoad({ kind: 'failed', message: result.error.message });
      await setLanguage(result.value.language);
      setLoad({ kind: 'ready', settings: result.value });
    });
    return () => {
      live = false;
    };
  }, [host]);

  const configured = load.kind === 'ready' && load.settings.serverUrl !== '' && load.settings.sipUri !== '';
  return (
    <div className="app">
      <StatusBar agentState={OFFLINE} phoneConfigured={configured} />
      <main className="content">
        {load.kind === 'loading' && <p role="status">{t('settings.loading')}</p>}
        {load.kind === 'failed' && <p role="alert">{t('settings.loadFailed', { message: load.message })}</p>}
        {load.kind === 'ready' && (
          <SettingsScreen host={host} initial={load.settings} onSaved={(settings) => setLoad({ kind: 'ready', settings })} />
        )}
      </main>
    </div>
  );
}
