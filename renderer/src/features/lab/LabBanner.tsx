import { useTranslation } from '../../i18n';
import { useEffect, useState } from 'react';
import type { LabInfo } from '../../../../shared/host-api';
import type { HostApi } from '../../host';
import './lab-banner.css';

export interface LabBannerProps {
  readonly host: HostApi;
  /** Changes when the settings are saved: the banner asks again (a real server makes it go away). */
  readonly settingsVersion: unknown;
  /** A call is ringing or connected: one quiet line (who, and the senior's command), no buttons. */
  readonly busy: boolean;
}

type Calling =
  | { readonly kind: 'idle' }
  | { readonly kind: 'placing' }
  | { readonly kind: 'placed'; readonly caller: string; readonly queue: string }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * The first screen on the embedded lab teaches it: who this Warmline is signed in as, a button
 * that has the lab's simulated customer call (speaking the UI language), and how to start the
 * senior's Warmline for escalations. Nothing at all when the app is on a real server.
 */
export function LabBanner({ host, settingsVersion, busy }: LabBannerProps) {
  const { t, language } = useTranslation();
  const [info, setInfo] = useState<LabInfo | null>(null);
  const [hidden, setHidden] = useState(false);
  const [calling, setCalling] = useState<Calling>({ kind: 'idle' });

  useEffect(() => {
    let live = true;
    void host.getLabInfo().then((result) => {
      if (live) setInfo(result.ok ? result.value : null);
    });
    return () => {
      live = false;
    };
  }, [host, settingsVersion]);

  // A call came: what the banner said about placing one (who is calling, or why not) is over with it.
  if (busy && (calling.kind === 'placed' || calling.kind === 'failed')) setCalling({ kind: 'idle' });
  if (!info || hidden) return null;

  const callMe = async () => {
    setCalling({ kind: 'placing' });
    const result = await host.labCallMe({ language });
    setCalling(result.ok ? { kind: 'placed', ...result.value } : { kind: 'failed', message: result.error.message });
  };
  const command = info.seniorAgent ? `npm start -- --agent ${info.seniorAgent}` : '';
  const who = t('lab.whoYouAre', { agent: info.agent, queues: info.queues.join(', ') || '–' });
  if (busy) {
    return (
      <section className="lab-banner lab-banner-busy" aria-label={t('lab.region')} data-testid="lab-banner">
        <p>
          {who}{' '}
          {command && (
            <>
              {t('lab.seniorTitle')}: <code>{command}</code>
            </>
          )}
        </p>
      </section>
    );
  }

  return (
    <section className="lab-banner" aria-label={t('lab.region')} data-testid="lab-banner">
      <p className="lab-banner-who">{t('lab.whoYouAre', { agent: info.agent, queues: info.queues.join(', ') || '–' })}</p>
      <div className="lab-banner-actions">
        <button type="button" className="lab-banner-call" onClick={() => void callMe()} disabled={calling.kind === 'placing'}>
          {t('lab.callMe')}
        </button>
        {command && (
          <details className="lab-banner-senior">
            <summary>{t('lab.seniorTitle')}</summary>
            <p>{t('lab.seniorHow', { agent: info.seniorAgent })}</p>
            <code>{command}</code>
          </details>
        )}
        <button type="button" className="lab-banner-hide" onClick={() => setHidden(true)} aria-label={t('lab.hide')}>
          ×
        </button>
      </div>
      <p className="lab-banner-status" role="status">
        {calling.kind === 'placed' && t('lab.calling', { caller: calling.caller, queue: calling.queue })}
        {calling.kind === 'failed' && t('lab.callFailed', { message: calling.message })}
      </p>
    </section>
  );
}
