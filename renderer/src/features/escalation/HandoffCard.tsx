import { useTranslation, type TFunction } from '../../i18n';
import { escalationKind, type DecodedContext } from '../../../../shared/escalation';
import { missingCaseError } from '../../../../shared/result';
import { formatDuration } from '../../ui/format';

/** "Signed by your team" only for a sealed context made for this very call, within its time. */
function verification(decoded: Exclude<DecodedContext, { status: 'unreadable' }>, t: TFunction): string {
  switch (decoded.status) {
    case 'verified':
      return t('handoff.verified');
    case 'not-valid':
      return t('handoff.notValid');
    case 'older-format':
      return t('handoff.olderFormat');
    case 'unverified':
      return t(`handoff.unverified.${decoded.why}`);
    default:
      throw missingCaseError(decoded);
  }
}

export interface HandoffCardProps {
  /** `undefined` while the signature is being checked. */
  readonly decoded: DecodedContext | undefined;
}

/**
 * What the escalating colleague sent, shown while the call still rings and kept through the
 * call: who, why, what was tried and promised, how the customer feels, how long they waited.
 * Everything here came from the network: rendered as text only, never as markup.
 */
export function HandoffCard({ decoded }: HandoffCardProps) {
  const { t } = useTranslation();
  if (!decoded)
    return (
      <section className="handoff-card" aria-busy="true">
        {t('handoff.checking')}
      </section>
    );
  if (decoded.status === 'unreadable') {
    return (
      <section className="handoff-card unreadable" aria-label={t('handoff.region')} data-testid="handoff-card">
        <h3>{t('handoff.unreadable')}</h3>
        <p className="hint">{t(`handoff.unreadableWhy.${decoded.why}`)}</p>
      </section>
    );
  }
  const c = decoded.context;
  const rows: [string, string][] = [
    [t('handoff.customer'), [c.customer.name, c.customer.number, c.customer.reference].filter(Boolean).join(' · ')],
    [t('handoff.reason'), `${t(`escalation.reasons.${c.reason}`)} (${t(`escalation.kinds.${escalationKind(c.reason)}`)})`],
    [t('handoff.severity'), t(`escalation.severities.${c.severity}`)],
    [t('handoff.mood'), t(`escalation.moods.${c.mood}`)],
    [t('handoff.tried'), c.tried],
    [t('handoff.promised'), c.promised],
    [t('handoff.note'), c.note],
    [t('handoff.from'), c.agent.name ? `${c.agent.name} (${c.agent.id})` : c.agent.id],
    [
      t('handoff.waited'),
      t('handoff.waitedValue', {
        waited: formatDuration(c.time.waitedSeconds * 1000),
        held: formatDuration(c.time.heldSeconds * 1000),
      }),
    ],
  ];
  return (
    <section
      className={`handoff-card ${decoded.status} mood-${c.mood}`}
      aria-label={t('handoff.region')}
      data-testid="handoff-card"
    >
      <p className={`verification ${decoded.status}`} data-testid="handoff-verification">
        {verification(decoded, t)}
      </p>
      {decoded.status === 'not-valid' && <p className="hint">{t(`handoff.notValidWhy.${decoded.why}`)}</p>}
      <h3 className="handoff-summary">{c.summary}</h3>
      <dl>
        {rows
          .filter(([, value]) => value !== '')
          .map(([label, value]) => (
            <div key={label} className="handoff-row">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}
