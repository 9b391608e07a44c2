import { useTranslation } from '../../i18n';
import {
  assistTimes,
  assistTimeStep,
  DEFAULT_SLA_POLICY,
  DEFAULT_STAGE_THRESHOLDS,
  HOLD_NUDGES_MS,
  holdScript,
  holdGuidance,
  slaGuidance,
  stageChecklist,
  type AssistContent,
  type SlaPolicy,
  type StageThresholds,
  type TeamPhrase,
} from '../../../../shared/assist';
import { useSteppedClock } from '../../ui/use-clock';
import type { CallEntry } from '../../state/phone-state';
import { AssistPanel } from './AssistPanel';
import { copyText } from './clipboard';
import { assistContent } from './content';
import { useAssist } from './use-assist';

export interface AssistSidebarProps {
  readonly entry: CallEntry;
  readonly teamPhrases: readonly TeamPhrase[];
  /** Opens the escalation panel with the senior (supervisor) queue chosen. */
  readonly onEscalateSenior: () => void;
  /** Puts a phrase into the call's notes box; without one, phrases are copied to the clipboard. */
  readonly onInsertIntoNotes?: (text: string) => void;
  readonly thresholds?: StageThresholds;
  readonly slaPolicy?: SlaPolicy;
}

/** The content with its hold script said to this caller (their name, or none). */
const withHoldScriptFor = (content: AssistContent, name: string | undefined, number: string): AssistContent => ({
  ...content,
  hold: holdScript(content.hold, name, number),
});

/**
 * Container: follows one customer call (talk time, hold, the queue's target) and keeps the agent's
 * ticks and choices. It renders when a stage, nudge or target is reached, not every second: the
 * running times write their own text (issue 19: CPU in call). Shown while the agent talks to the customer or holds them; hidden, but not
 * reset, while a consult or transfer owns the call.
 */
export function AssistSidebar(props: AssistSidebarProps) {
  const { entry, thresholds = DEFAULT_STAGE_THRESHOLDS, slaPolicy = DEFAULT_SLA_POLICY } = props;
  const { language } = useTranslation();
  const assist = useAssist();
  const { call } = entry;
  const shown = call.phase === 'active' || call.phase === 'on-hold';
  const now = useSteppedClock((at) => assistTimeStep(call, at, thresholds, slaPolicy), shown);
  if (!shown) return null;

  const { onCallMs, talkMs, heldMs } = assistTimes(call, now);

  const insert = (text: string) => {
    if (props.onInsertIntoNotes) {
      props.onInsertIntoNotes(text);
      assist.setFeedback('inserted');
      return;
    }
    void copyText(text).then((copied) => assist.setFeedback(copied ? 'copied' : 'copy-failed'));
  };

  return (
    <AssistPanel
      content={withHoldScriptFor(assistContent(language), entry.info.remote.name, entry.info.remote.number)}
      teamPhrases={props.teamPhrases}
      checklist={stageChecklist(talkMs, assist.ticked, thresholds)}
      onTick={assist.tick}
      situation={assist.situation}
      onSituation={assist.setSituation}
      insertTarget={props.onInsertIntoNotes ? 'notes' : 'clipboard'}
      {...(assist.feedback ? { insertFeedback: assist.feedback } : {})}
      onInsert={insert}
      abusive={assist.abusive}
      onAbusive={assist.setAbusive}
      onEscalateSenior={props.onEscalateSenior}
      onCallMsAt={(at) => assistTimes(call, at).onCallMs}
      targetMs={slaPolicy.targetMs}
      sla={slaGuidance(onCallMs, slaPolicy)}
      {...(heldMs !== undefined
        ? {
            hold: {
              heldMsAt: (at: number) => assistTimes(call, at).heldMs ?? 0,
              guidance: holdGuidance(heldMs),
              checkInAfterMs: HOLD_NUDGES_MS.checkIn,
              returnAfterMs: HOLD_NUDGES_MS.return,
            },
          }
        : {})}
    />
  );
}
