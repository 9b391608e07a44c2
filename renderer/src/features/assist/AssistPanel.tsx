import { useTranslation } from '../../i18n';
import { useId, type KeyboardEvent } from 'react';
import {
  isSituation,
  SITUATIONS,
  STAGES,
  type AssistContent,
  type HoldGuidance,
  type Situation,
  type SlaGuidance,
  type Stage,
  type StageChecklist,
  type TeamPhrase,
} from '../../../../shared/assist';
import { formatDuration } from '../../ui/format';
import { TickingText } from '../../ui/use-clock';
import './assist.css';

export type InsertFeedback = 'inserted' | 'copied' | 'copy-failed';

export interface AssistPanelProps {
  readonly content: AssistContent;
  readonly teamPhrases: readonly TeamPhrase[];
  readonly checklist: StageChecklist;
  readonly onTick: (stage: Stage, done: boolean) => void;
  readonly situation: Situation;
  readonly onSituation: (situation: Situation) => void;
  /** Where a chosen phrase goes: the call's notes box, or the clipboard when there is none. */
  readonly insertTarget: 'notes' | 'clipboard';
  readonly insertFeedback?: InsertFeedback;
  readonly onInsert: (text: string) => void;
  readonly abusive: boolean;
  readonly onAbusive: (abusive: boolean) => void;
  readonly onEscalateSenior: () => void;
  /** Time on the call at a moment: its text follows the clock without a render. */
  readonly onCallMsAt: (now: number) => number;
  readonly targetMs: number;
  readonly sla: SlaGuidance;
  /** Present while the customer is on hold. */
  readonly hold?: {
    readonly heldMsAt: (now: number) => number;
    readonly guidance: HoldGuidance;
    readonly checkInAfterMs: number;
    readonly returnAfterMs: number;
  };
}

const FEEDBACK_KEYS = {
  inserted: 'assist.phrases.inserted',
  copied: 'assist.phrases.copied',
  'copy-failed': 'assist.phrases.copyFailed',
} as const;

/** The phrases on offer for a situation: the shipped ones, then the team's own. */
export function phrasesFor(content: AssistContent, team: readonly TeamPhrase[], situation: Situation) {
  return [
    ...content.phrases[situation].map((text) => ({ text, team: false })),
    ...team.filter((p) => p.situation === situation).map((p) => ({ text: p.text, team: true })),
  ];
}

/** The de-escalation assistant beside a call: stages, what to say, the abuse protocol, SLA and hold nudges. Props only. */
export function AssistPanel(props: AssistPanelProps) {
  const { content, checklist, sla, hold } = props;
  const { t } = useTranslation();
  const id = useId();
  const target = formatDuration(props.targetMs);
  const phrases = phrasesFor(content, props.teamPhrases, props.situation);
  const insertKey = props.insertTarget === 'notes' ? 'insert' : 'copy';

  // Polite for nudges, assertive only for a breach. The texts hold no running time, so a
  // screen reader announces each nudge once instead of every second.
  const nudge = (() => {
    if (hold?.guidance === 'return') return t('assist.hold.return', { seconds: hold.returnAfterMs / 1000 });
    if (hold?.guidance === 'check-in') return t('assist.hold.checkIn', { seconds: hold.checkInAfterMs / 1000 });
    return sla.kind === 'escalate-soon' ? t('assist.sla.soon', { target }) : '';
  })();

  const onPhraseKey = (event: KeyboardEvent<HTMLElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || !/^[1-9]$/.test(event.key)) return;
    const phrase = phrases[Number(event.key) - 1];
    if (!phrase) return;
    event.preventDefault();
    props.onInsert(phrase.text);
  };

  return (
    <aside className="assist-panel" aria-label={t('assist.region')} data-testid="assist-panel">
      <div className="assist-sla">
        <TickingText
          className={`assist-meter ${sla.kind}`}
          testId="assist-on-call"
          text={(now) => t('assist.sla.onCall', { time: formatDuration(props.onCallMsAt(now)), target })}
        />
        <p className="assist-nudge" role="status" aria-live="polite" data-testid="assist-nudge">
          {nudge}
        </p>
        <p className="assist-breach" role="alert" aria-live="assertive" data-testid="assist-breach">
          {sla.kind === 'breached' ? t('assist.sla.breached', { target }) : ''}
        </p>
      </div>

      {hold && (
        <section className={`assist-hold ${hold.guidance}`} aria-labelledby={`${id}-hold`}>
          <TickingText
            as="h3"
            id={`${id}-hold`}
            role="timer"
            testId="assist-held"
            text={(now) => t('assist.hold.held', { time: formatDuration(hold.heldMsAt(now)) })}
          />
          <p className="assist-script-title">{t('assist.hold.checkInScript')}</p>
          <p className="assist-script">{content.hold.checkIn}</p>
          <p className="assist-script-title">{t('assist.hold.returnScript')}</p>
          <ol className="assist-script">
            {content.hold.return.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ol>
        </section>
      )}

      <section className="assist-stages" aria-labelledby={`${id}-stages`}>
        <h3 id={`${id}-stages`}>{t('assist.stages.title')}</h3>
        <p className="hint">{t('assist.stages.tickHint')}</p>
        <ol>
          {STAGES.map((stage) => {
            const status = checklist.statuses[stage];
            return (
              <li
                key={stage}
                className={`assist-stage ${status}`}
                aria-current={status === 'current' ? 'step' : undefined}
                data-testid={`assist-stage-${stage}`}
                data-status={status}
              >
                <label>
                  <input
                    type="checkbox"
                    checked={status === 'done'}
                    onChange={(e) => props.onTick(stage, e.currentTarget.checked)}
                  />
                  <span className="assist-stage-name">{content.stages[stage].name}</span>
                  <span className="assist-stage-status">{t(`assist.stages.${status}`)}</span>
                </label>
                {status === 'current' && (
                  <ul className="assist-stage-items">
                    {content.stages[stage].items.map((item) => (
                      <li key={item}>{item}</li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
        {checklist.current === undefined && <p className="assist-complete">{t('assist.stages.complete')}</p>}
      </section>

      <section className="assist-phrases" aria-labelledby={`${id}-phrases`} onKeyDown={onPhraseKey}>
        <h3 id={`${id}-phrases`}>{t('assist.phrases.title')}</h3>
        <label htmlFor={`${id}-situation`}>{t('assist.phrases.situation')}</label>
        <select
          id={`${id}-situation`}
          data-shortcut="phrases"
          value={props.situation}
          onChange={(e) => isSituation(e.currentTarget.value) && props.onSituation(e.currentTarget.value)}
          // Digits pick a phrase, not an option.
          onKeyDown={(e) => /^[1-9]$/.test(e.key) && e.preventDefault()}
        >
          {SITUATIONS.map((s) => (
            <option key={s} value={s}>
              {t(`assist.situations.${s}`)}
            </option>
          ))}
        </select>
        <ol className="assist-phrase-list">
          {phrases.map((phrase, i) => (
            <li key={`${phrase.team ? 'team' : 'std'}-${phrase.text}`}>
              <span className="assist-phrase-text" id={`${id}-phrase-${i}`}>
                {phrase.text}
                {phrase.team && <span className="assist-team-badge">{t('assist.phrases.team')}</span>}
              </span>
              {/* Beside the button, not in it: its visible words must be part of its name (WCAG 2.5.3, axe). */}
              {i < 9 && <kbd aria-hidden="true">{i + 1}</kbd>}
              <button
                type="button"
                className="secondary"
                aria-label={t(`assist.phrases.${insertKey}Label`, { n: i + 1 })}
                aria-describedby={`${id}-phrase-${i}`}
                {...(i < 9 ? { 'aria-keyshortcuts': String(i + 1) } : {})}
                onClick={() => props.onInsert(phrase.text)}
              >
                {t(`assist.phrases.${insertKey}`)}
              </button>
            </li>
          ))}
        </ol>
        <p className="hint">{t('assist.phrases.keyHint')}</p>
        <p className="assist-feedback" role="status" data-testid="assist-insert-feedback">
          {props.insertFeedback ? t(FEEDBACK_KEYS[props.insertFeedback]) : ''}
        </p>
      </section>

      <section className="assist-abuse" aria-labelledby={`${id}-abuse`}>
        <button
          type="button"
          id={`${id}-abuse`}
          className={props.abusive ? 'assist-abuse-toggle on' : 'assist-abuse-toggle'}
          aria-pressed={props.abusive}
          onClick={() => props.onAbusive(!props.abusive)}
        >
          {t('assist.abuse.toggle')}
        </button>
        {props.abusive && (
          <div className="assist-boundary" data-testid="assist-boundary">
            <h3>{t('assist.abuse.title')}</h3>
            <ol>
              {content.abuse.steps.map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ol>
            {/* Focused when the script appears, so escalating is one key (Enter) away. */}
            <button type="button" className="escalate" autoFocus onClick={props.onEscalateSenior}>
              {t('assist.abuse.escalate')}
            </button>
          </div>
        )}
      </section>
    </aside>
  );
}
