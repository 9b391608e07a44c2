import { useTranslation } from '../../i18n';
import { useId, type FormEvent } from 'react';
import { ESCALATION_LIMITS, ESCALATION_REASONS, MOODS, SEVERITIES } from '../../../../shared/escalation';
import { TextLimit } from '../../ui/TextLimit';
import type { EscalationAvailability } from './availability';
import type { EscalationDraft, TargetChoice } from './escalation-draft';

export interface EscalationPanelProps {
  readonly customer: string;
  readonly queue?: string;
  readonly onCallFor: string;
  readonly draft: EscalationDraft;
  readonly error?: string;
  readonly busy: boolean;
  readonly onChange: (draft: EscalationDraft) => void;
  readonly onReason: (reason: EscalationDraft['reason']) => void;
  readonly onConsult: () => void;
  readonly onBlind: () => void;
  readonly onClose: () => void;
  /** Who is free now, from the team board; absent where the app has no team view. */
  readonly availability?: EscalationAvailability;
  /** Consult one free colleague directly (a named-agent consult). */
  readonly onConsultColleague?: (user: string) => void;
}

const TARGETS: readonly TargetChoice[] = ['senior', 'technical', 'agent', 'external'];

/** Escalate: who to, why, and what the next person must know so the customer never repeats themselves. */
export function EscalationPanel(props: EscalationPanelProps) {
  const { draft, onChange, busy } = props;
  const { t } = useTranslation();
  const id = useId();
  const set = <K extends keyof EscalationDraft>(key: K, value: EscalationDraft[K]) => onChange({ ...draft, [key]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onConsult();
  };
  const text = (key: 'summary' | 'tried' | 'promised' | 'note' | 'reference', multi: boolean, max: number) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(`escalation.${key}`)}</label>
      {multi ? (
        <textarea id={`${id}-${key}`} rows={2} maxLength={max} value={draft[key]} onChange={(e) => set(key, e.target.value)} />
      ) : (
        <input
          id={`${id}-${key}`}
          maxLength={max}
          value={draft[key]}
          onChange={(e) => set(key, e.target.value)}
          required={key === 'summary'}
        />
      )}
      <TextLimit fieldId={`${id}-${key}`} length={draft[key].length} max={max} />
    </div>
  );
  return (
    <form
      className="escalation-panel"
      role="dialog"
      aria-labelledby={`${id}-title`}
      onSubmit={submit}
      onKeyDown={(e) => e.key === 'Escape' && props.onClose()}
    >
      <h2 id={`${id}-title`}>{t('escalation.title')}</h2>
      <p className="hint">
        {t('escalation.about', { customer: props.customer, time: props.onCallFor })}
        {props.queue && ` · ${t('calls.queue', { queue: props.queue })}`}
      </p>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('escalation.reason')}</label>
          <select
            id={`${id}-reason`}
            value={draft.reason}
            onChange={(e) => props.onReason(e.target.value as EscalationDraft['reason'])}
          >
            {ESCALATION_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`escalation.reasons.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-target`}>{t('escalation.target')}</label>
          <select
            id={`${id}-target`}
            value={draft.target}
            onChange={(e) => set('target', e.target.value as TargetChoice)}
            autoFocus
          >
            {TARGETS.map((target) => (
              <option key={target} value={target}>
                {t(`escalation.targets.${target}`)}
              </option>
            ))}
          </select>
        </div>
        {(draft.target === 'agent' || draft.target === 'external') && (
          <div className="field">
            <label htmlFor={`${id}-targetValue`}>{t(`escalation.targetValue.${draft.target}`)}</label>
            <input
              id={`${id}-targetValue`}
              maxLength={draft.target === 'agent' ? ESCALATION_LIMITS.agentId : ESCALATION_LIMITS.externalNumber}
              value={draft.targetValue}
              onChange={(e) => set('targetValue', e.target.value)}
            />
          </div>
        )}
      </div>
      {props.availability && (
        <FreeNow
          availability={props.availability}
          target={draft.target}
          busy={busy}
          {...(props.onConsultColleague ? { onConsultColleague: props.onConsultColleague } : {})}
        />
      )}
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-severity`}>{t('escalation.severity')}</label>
          <select
            id={`${id}-severity`}
            value={draft.severity}
            onChange={(e) => set('severity', Number(e.target.value) as EscalationDraft['severity'])}
          >
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`escalation.severities.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-mood`}>{t('escalation.mood')}</label>
          <select id={`${id}-mood`} value={draft.mood} onChange={(e) => set('mood', e.target.value as EscalationDraft['mood'])}>
            {MOODS.map((m) => (
              <option key={m} value={m}>
                {t(`escalation.moods.${m}`)}
              </option>
            ))}
          </select>
        </div>
        {text('reference', false, ESCALATION_LIMITS.reference)}
      </div>
      {text('summary', false, ESCALATION_LIMITS.summary)}
      {text('tried', true, ESCALATION_LIMITS.tried)}
      {text('promised', true, ESCALATION_LIMITS.promised)}
      {text('note', true, ESCALATION_LIMITS.note)}
      {props.error && (
        <p className="error" role="alert">
          {props.error}
        </p>
      )}
      <div className="call-actions">
        <button type="submit" className="answer" disabled={busy}>
          {t('escalation.consult')}
        </button>
        <button type="button" onClick={props.onBlind} disabled={busy}>
          {t('escalation.blind')}
        </button>
        <button type="button" onClick={props.onClose}>
          {t('escalation.close')}
        </button>
      </div>
    </form>
  );
}

const QUEUE_TARGETS = ['senior', 'technical'] as const;

/** Per target queue how many are free, "nobody free" before the agent presses Consult, and the free colleagues. */
function FreeNow({
  availability,
  target,
  busy,
  onConsultColleague,
}: {
  readonly availability: EscalationAvailability;
  readonly target: TargetChoice;
  readonly busy: boolean;
  readonly onConsultColleague?: (user: string) => void;
}) {
  const { t } = useTranslation();
  const queues = QUEUE_TARGETS.filter((q) => availability.queues[q] !== undefined);
  const nobodyInTarget = (target === 'senior' || target === 'technical') && availability.queues[target] === 0;
  return (
    <div className="escalation-free" data-testid="escalation-free">
      {queues.length > 0 && (
        <ul className="escalation-free-queues">
          {queues.map((q) => {
            const free = availability.queues[q] ?? 0;
            return (
              <li key={q} data-testid={`escalation-free-${q}`} className={free === 0 ? 'none-free' : undefined}>
                {free === 0
                  ? t('escalation.free.nobody', { queue: t(`escalation.targets.${q}`) })
                  : t('escalation.free.count', { queue: t(`escalation.targets.${q}`), n: free })}
              </li>
            );
          })}
        </ul>
      )}
      {nobodyInTarget && (
        <p className="warning" role="status" data-testid="escalation-nobody-free">
          {t('escalation.free.warning', { queue: t(`escalation.targets.${target}`) })}
        </p>
      )}
      <h3>{t('escalation.free.colleagues')}</h3>
      {availability.free.length === 0 ? (
        <p className="hint">{t('escalation.free.noColleagues')}</p>
      ) : (
        <ul className="escalation-free-colleagues" data-testid="escalation-free-colleagues">
          {availability.free.map((c) => (
            <li key={c.user} data-user={c.user}>
              <button type="button" disabled={busy || !onConsultColleague} onClick={() => onConsultColleague?.(c.user)}>
                {t('escalation.free.consult', { user: c.user })}
              </button>
              {c.queues.length > 0 && <span className="hint"> {c.queues.join(', ')}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
