import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../ui/format';

export interface WrapUpBarProps {
  readonly elapsedMs: number;
  readonly onReady: () => void;
}

/** After-call work: no call is offered until the agent says Ready. */
export function WrapUpBar({ elapsedMs, onReady }: WrapUpBarProps) {
  const { t } = useTranslation();
  return (
    <section className="wrap-up-bar" aria-label={t('wrapUp.region')}>
      <p>
        <strong>{t('wrapUp.title')}</strong> · {t('wrapUp.elapsed', { time: formatDuration(elapsedMs) })}
      </p>
      <p className="hint">{t('wrapUp.hint')}</p>
      <button type="button" onClick={onReady}>
        {t('wrapUp.ready')}
      </button>
    </section>
  );
}
