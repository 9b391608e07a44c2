import { useTranslation } from '../../i18n';
import { useId } from 'react';
import type { AgentStats } from '../../../../shared/history';
import { missingCaseError } from '../../../../shared/result';
import { formatCount, formatDurationWords, formatRate } from './figures-format';
import './figures.css';

export type FiguresLoad =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly today: AgentStats; readonly week: AgentStats }
  | { readonly kind: 'failed'; readonly message: string };

export interface MyFiguresProps {
  readonly load: FiguresLoad;
  /** The UI language: numbers and durations are written its way. */
  readonly locale: string;
}

type Measure = 'handled' | 'avgHandle' | 'avgAcw' | 'escalationRate' | 'transferRate';
const MEASURES: readonly Measure[] = ['handled', 'avgHandle', 'avgAcw', 'escalationRate', 'transferRate'];

/** One figure; averages and rates of no calls are not zero, they are not there. */
function figure(stats: AgentStats, measure: Measure, locale: string): string {
  if (measure !== 'handled' && stats.handled === 0) return '—';
  switch (measure) {
    case 'handled':
      return formatCount(stats.handled, locale);
    case 'avgHandle':
      return formatDurationWords(stats.avgHandleMs, locale);
    case 'avgAcw':
      return formatDurationWords(stats.avgAcwMs, locale);
    case 'escalationRate':
      return formatRate(stats.escalationRate, locale);
    case 'transferRate':
      return formatRate(stats.transferRate, locale);
    default:
      throw missingCaseError(measure);
  }
}

/** "My figures": the agent's own calls handled, handle and ACW times, escalation and transfer rates. Props only. */
export function MyFigures({ load, locale }: MyFiguresProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="my-figures" aria-labelledby={`${id}-title`} data-testid="my-figures">
      <h2 id={`${id}-title`}>{t('figures.title')}</h2>
      {load.kind === 'loading' && <p role="status">{t('figures.loading')}</p>}
      {load.kind === 'failed' && <p role="alert">{t('figures.failed', { message: load.message })}</p>}
      {load.kind === 'ready' && (
        <table className="my-figures-table">
          <thead>
            <tr>
              <td />
              <th scope="col">{t('figures.today')}</th>
              <th scope="col">{t('figures.week')}</th>
            </tr>
          </thead>
          <tbody>
            {MEASURES.map((measure) => (
              <tr key={measure} data-testid={`figure-${measure}`}>
                <th scope="row">{t(`figures.${measure}`)}</th>
                <td>{figure(load.today, measure, locale)}</td>
                <td>{figure(load.week, measure, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {load.kind === 'ready' && <p className="hint">{t('figures.note')}</p>}
    </section>
  );
}
