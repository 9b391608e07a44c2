import { useTranslation, type TFunction } from '../../i18n';
import { useEffect, useRef, useState } from 'react';
import { wrapUpCallOfRecord, wrapUpSecondsFor, type AgentStateOf, type WrapUpCall } from '../../../../shared/agent';
import type { EscalationContext, ReceivedOn } from '../../../../shared/escalation';
import { handedOver, type EscalationOutcome } from '../../../../shared/history';
import { decodeReceivedContext } from '../../state/received-context';
import { type WrapUpDraftInput } from '../../../../shared/history/wrap-up';
import type { SettingsView } from '../../../../shared/settings';
import type { HostApi } from '../../host';
import type { PhoneStore } from '../../state/phone-store';
import { DraftSaver, type SaveState } from '../../state/draft-saver';
import { notesFromEscalation, receivedRole, startingNotes } from './prefill';
import { WrapUpForm } from './WrapUpForm';
import { useClock } from '../../ui/use-clock';
import {
  choiceOf,
  draftOf,
  EMPTY_VALUES,
  EXTEND_MS,
  extendsIn,
  finishOf,
  initialDeadline,
  MAX_EXTENDS,
  nextOption,
  valuesOf,
  type WrapUpValues,
} from './wrap-up-form';

export interface WrapUpPanelProps {
  readonly wrapUp: AgentStateOf<'wrap-up'>;
  readonly store: PhoneStore;
  readonly host: HostApi;
  readonly settings: SettingsView;
  /** Who the call was with, when the phone still knows. */
  readonly caller?: string;
  /** The call's queue and whether it was escalated: they set the countdown. */
  readonly call?: WrapUpCall;
  /** The context this agent sent when escalating the call (the last one). */
  readonly sentContext?: EscalationContext;
  /** The raw context header of a call taken over from a colleague, or of their consult (decoded here, untrusted). */
  readonly receivedContextHeader?: string;
  /** The call that brought it: whether it took the customer over or was only a consult (`receivedRole`). */
  readonly receivedOn?: Parameters<typeof receivedRole>[0];
  /** What became of `sentContext`: decides the first line of the notes and whether "escalated" is preselected. */
  readonly sentOutcome?: EscalationOutcome;
  /** The INVITE the received context came on: only a context valid for this call prefills the form. */
  readonly receivedContext?: ReceivedOn;
  /** What the agent noted during the call: the notes start with it. */
  readonly callNotes?: string;
}

interface Loaded {
  readonly values: WrapUpValues;
  readonly deadline: number | null;
  readonly extendsUsed: number;
  readonly restored: boolean;
  readonly prefilled: boolean;
  readonly caller?: string;
}

const FINISH_RETRIES = 30;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Container: the wrap-up of one call (mount it keyed by call id). It starts from the draft in
 * storage when there is one for this call (the app restarted mid-ACW) or a fresh form, saves every
 * change, ends by itself when the countdown runs out (optional mode) and on Ready.
 */
/**
 * A fresh form starts from the escalation when there was one: the sender's notes say where the
 * call went and why, the taker's what was known; the sender's disposition is "escalated" when
 * the team has that code.
 */
async function firstValues(
  props: Pick<
    WrapUpPanelProps,
    'sentContext' | 'sentOutcome' | 'receivedContextHeader' | 'receivedOn' | 'receivedContext' | 'host' | 'settings' | 'callNotes'
  >,
  t: TFunction,
): Promise<WrapUpValues | undefined> {
  const fromEscalation = await escalationValues(props, t);
  const notes = startingNotes(props.callNotes, fromEscalation?.notes);
  if (notes === undefined) return fromEscalation;
  return { ...(fromEscalation ?? EMPTY_VALUES), notes };
}

async function escalationValues(
  props: Pick<
    WrapUpPanelProps,
    'sentContext' | 'sentOutcome' | 'receivedContextHeader' | 'receivedOn' | 'receivedContext' | 'host' | 'settings'
  >,
  t: TFunction,
): Promise<WrapUpValues | undefined> {
  if (props.sentContext) {
    const escalated = props.sentOutcome === undefined || handedOver(props.sentOutcome);
    const disposition = escalated ? (props.settings.dispositions.find((d) => d.toLowerCase() === 'escalated') ?? '') : '';
    return { ...EMPTY_VALUES, disposition, notes: notesFromEscalation(props.sentContext, 'sent', t, props.sentOutcome) };
  }
  if (!props.receivedContextHeader) return undefined;
  const decoded = await decodeReceivedContext(props.receivedContextHeader, props.receivedContext, props.host);
  return decoded.status === 'unreadable' || decoded.status === 'not-valid'
    ? undefined
    : { ...EMPTY_VALUES, notes: notesFromEscalation(decoded.context, receivedRole(props.receivedOn ?? {}), t) };
}

export function WrapUpPanel(props: WrapUpPanelProps) {
  const { wrapUp, store, host, settings, caller } = props;
  // Its own clock (the ACW countdown), so a tick renders the panel only, not the phone screen.
  const now = useClock(true);
  const { callId, startedAt } = wrapUp;
  const { t } = useTranslation();
  const seconds = wrapUpSecondsFor(props.call ?? { escalated: false }, settings);
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [finishing, setFinishing] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const saver = useRef<DraftSaver<WrapUpDraftInput> | undefined>(undefined);
  const lastSaved = useRef<string | undefined>(undefined);
  const finishStarted = useRef(false);

  useEffect(() => {
    const own = new DraftSaver<WrapUpDraftInput>({ save: (d) => host.saveWrapUpDraft(d), onState: setSaveState });
    saver.current = own;
    let live = true;
    void host.getOpenWrapUp().then(async (open) => {
      if (!live) return;
      const draft = open.ok && open.value?.draft.callId === callId ? open.value : undefined;
      if (draft) {
        const { deadline } = draft.draft;
        // After a reload the phone no longer knows the call: its stored record says what time it had.
        const base = props.call ? seconds : wrapUpSecondsFor(wrapUpCallOfRecord(draft.call), settings);
        setLoaded({
          values: valuesOf(draft.draft),
          deadline,
          extendsUsed: extendsIn(deadline, startedAt, base),
          restored: true,
          prefilled: false,
          caller: draft.call.remoteName || draft.call.remoteNumber,
        });
        return;
      }
      const prefill = await firstValues(props, t).catch(() => undefined);
      if (!live) return;
      setLoaded({
        values: prefill ?? EMPTY_VALUES,
        deadline: initialDeadline(startedAt, seconds),
        extendsUsed: 0,
        restored: false,
        prefilled: prefill !== undefined,
      });
    });
    return () => {
      live = false;
      // Unmounted mid-wrap-up (the view changed): the last change is written now, not dropped.
      void own.flushAndClose();
    };
    // Loaded once per wrap-up: the countdown a wrap-up started with is not changed by later settings.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [host, callId]);

  const next = choiceOf(nextOption(wrapUp.next));
  const draft = loaded ? draftOf(callId, loaded.values, next, loaded.deadline) : undefined;
  const draftKey = draft ? JSON.stringify(draft) : undefined;

  useEffect(() => {
    if (!draft || draftKey === lastSaved.current || finishStarted.current) return;
    const first = lastSaved.current === undefined;
    lastSaved.current = draftKey;
    saver.current?.update(draft, first);
  }, [draft, draftKey]);

  const finish = async (values: WrapUpValues) => {
    if (finishStarted.current) return;
    finishStarted.current = true;
    setFinishing(true);
    setError(undefined);
    await saver.current?.close();
    let result = await host.finishWrapUp(finishOf(callId, values, Date.now()));
    // Ready pressed before the ended call reached the history: it is on its way.
    for (let i = 0; !result.ok && result.error.code === 'not-found' && i < FINISH_RETRIES; i += 1) {
      await sleep(100);
      result = await host.finishWrapUp(finishOf(callId, values, Date.now()));
    }
    if (!result.ok) {
      finishStarted.current = false;
      setFinishing(false);
      setError(result.error.message);
      return;
    }
    store.finishWrapUp();
  };

  // The clock ticks once a second and may still hold a time from before the call ended.
  const current = Math.max(now, startedAt);
  const remainingMs = loaded && loaded.deadline !== null ? loaded.deadline - current : null;
  const timeUp = remainingMs !== null && remainingMs <= 0;
  useEffect(() => {
    if (loaded && timeUp && !settings.wrapUpMandatory && error === undefined) void finish(loaded.values);
  });

  if (!loaded) return <section className="wrap-up-form" aria-busy="true" />;
  return (
    <WrapUpForm
      {...(loaded.caller || caller ? { caller: loaded.caller ?? caller } : {})}
      values={loaded.values}
      dispositions={settings.dispositions}
      mandatory={settings.wrapUpMandatory}
      remainingMs={remainingMs}
      elapsedMs={current - startedAt}
      extendsLeft={MAX_EXTENDS - loaded.extendsUsed}
      next={nextOption(wrapUp.next)}
      saveState={saveState}
      restored={loaded.restored}
      language={settings.language}
      prefilled={loaded.prefilled}
      finishing={finishing}
      {...(error ? { error } : {})}
      onChange={(values) => setLoaded({ ...loaded, values })}
      onNext={(option) => store.chooseWrapUpNext(choiceOf(option))}
      onExtend={() => {
        if (loaded.deadline === null || loaded.extendsUsed >= MAX_EXTENDS) return;
        setLoaded({
          ...loaded,
          deadline: Math.max(loaded.deadline, Date.now()) + EXTEND_MS,
          extendsUsed: loaded.extendsUsed + 1,
        });
      }}
      onReady={() => void finish(loaded.values)}
    />
  );
}
