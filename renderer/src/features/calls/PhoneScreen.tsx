import { Activity, memo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { slaPolicyFor } from '../../../../shared/assist';
import { sentEscalationOutcomes } from '../../../../shared/history';
import type { Microphone } from '../../audio/microphone';
import type { Ringer } from '../../audio/ringer';
import type { CallId } from '../../phone';
import type { SettingsView } from '../../../../shared/settings';
import type { HostApi } from '../../host';
import type { EscalationLog } from '../../state/escalation-log';
import { consultLegOf, customerCalls, talkingCall, type EndedCall, type PhoneState } from '../../state/phone-state';
import { CallNotesBox } from '../wrap-up/CallNotesBox';
import { InterruptedNotes } from '../wrap-up/InterruptedNotes';
import { usePhoneState, type PhoneStore } from '../../state/phone-store';
import { AssistSidebar, ConsultBar, CustomerPop, EscalationDialog, Handoff, MicMeter, WrapUpPanel } from '../../ui/lazy-views';
import { Leftover } from '../../ui/Leftover';
import { Dialer } from '../dialer/Dialer';
import { ActiveCall } from './ActiveCall';
import { Later, useLaterFor } from '../../ui/Later';
import { RingingCalls } from './RingingCalls';
import { Notices } from './Notices';
import { LiveQualityBadge } from './QualityBadge';
import type { QualityLog } from '../../state/quality-log';
import type { TeamStore } from '../../state/team-store';
import type { SupervisionStore } from '../../state/supervision-store';
import { SupervisionIndicator } from './SupervisionIndicator';
import type { CallRecordings } from '../../state/call-recordings';

export interface PhoneScreenProps {
  readonly store: PhoneStore;
  readonly host: HostApi;
  readonly settings: SettingsView;
  readonly escalations: EscalationLog;
  readonly ringer: Ringer;
  readonly microphone: Microphone;
  readonly quality: QualityLog;
  /** Optional for screens and tests without a recorder: nothing is shown as recorded then. */
  readonly recordings?: CallRecordings;
  readonly team: TeamStore;
  readonly supervision?: SupervisionStore;
  /**
   * The agent's home (team and queues, issue 15) beside the call being talked on, in the space the
   * call's columns leave, where there is enough of it. A stable element: this screen is memoised.
   */
  readonly besideCall?: ReactNode;
}

const NO_RECORDINGS: ReadonlySet<CallId> = new Set();
const noRecordings = () => NO_RECORDINGS;
const noSubscription = () => () => {};

/** Container: the calls, the dialer and wrap-up, fed by the phone store. */
interface EscalationRequest {
  readonly callId: CallId;
  /** Preselected queue: "try the other queue" after a failed consult. */
  readonly queue?: 'senior' | 'technical';
}

/** What the wrap-up of the call that just ended starts from: who, which queue, and its escalation. */
function wrapUpInputs({ info, call }: EndedCall, escalations: EscalationLog, notes: PhoneState['callNotes']) {
  const sentContext = escalations.lastSent(info.callId);
  const sent = escalations.sentOn(info.callId);
  const sentOutcome =
    call.phase === 'ended' && sent.length > 0
      ? sentEscalationOutcomes(
          call,
          sent.map((s) => s.mode),
        ).at(-1)
      : undefined;
  const callNotes = notes?.[info.callId];
  return {
    ...(callNotes ? { callNotes } : {}),
    caller: info.remote.name ?? info.remote.number,
    call: {
      ...(info.queue ? { queue: info.queue.name } : {}),
      escalated: call.consults.length > 0 || sentContext !== undefined || info.contextHeader !== undefined,
    },
    ...(sentContext ? { sentContext } : {}),
    ...(sentOutcome ? { sentOutcome } : {}),
    ...(info.contextHeader ? { receivedContextHeader: info.contextHeader, receivedOn: info } : {}),
    ...(info.contextReceived ? { receivedContext: info.contextReceived } : {}),
  };
}

// Memoised: its props are the app's long-lived services and settings, so the status bar's clock
// and quality readings re-render the bar, not the calls (issue 19).
export const PhoneScreen = memo(function PhoneScreen({
  store,
  host,
  settings,
  escalations,
  ringer,
  microphone,
  quality: qualityLog,
  recordings,
  team,
  supervision,
  besideCall,
}: PhoneScreenProps) {
  const state = usePhoneState(store);
  const recorded = useSyncExternalStore(recordings?.subscribe ?? noSubscription, recordings?.getSnapshot ?? noRecordings);
  // A call replacing our consult call (a warm transfer to us) is answered by the phone itself: it never rings.
  const customers = customerCalls(state);
  const connected = customers.filter((c) => c.call.phase !== 'offered' || c.info.replaces);
  const talking = talkingCall(state);
  const wrapUp = state.agent.kind === 'wrap-up' ? state.agent : undefined;
  const [keypadFor, setKeypadFor] = useState<CallId | undefined>();
  const [digits, setDigits] = useState<Readonly<Record<string, string>>>({});
  const registered = state.registration.state === 'registered';
  // The WebSocket is down (reconnecting after a drop): the phone sends no request on any call.
  const signallingDown = state.registration.state === 'connecting';
  const [escalation, setEscalation] = useState<EscalationRequest | undefined>();
  // The escalate shortcut or tray item opens the panel for the call being talked on, once per request.
  const escalateIntent = state.intent?.kind === 'escalate' ? state.intent.id : undefined;
  const [handledIntent, setHandledIntent] = useState<number | undefined>();
  const requested: EscalationRequest | undefined =
    escalateIntent !== undefined &&
    escalateIntent !== handledIntent &&
    talking &&
    !signallingDown &&
    talking.network !== 'reconnecting'
      ? { callId: talking.info.callId }
      : undefined;
  const openEscalation = escalation ?? requested;
  const escalatingEntry = openEscalation ? customers.find((c) => c.info.callId === openEscalation.callId) : undefined;
  const dialIntent = state.intent?.kind === 'dial' ? state.intent : undefined;
  const ended = wrapUp && state.lastEnded?.info.callId === wrapUp.callId ? state.lastEnded : undefined;
  const homeBeside = talking ?? connected[0];
  const meterReady = useLaterFor(talking?.info.callId);

  return (
    <div className="phone-screen">
      <Notices notices={state.notices} onDismiss={(id) => store.dismissNotice(id)} />
      <InterruptedNotes host={host} liveCallIds={state.calls.map((c) => c.info.callId)} />
      <RingingCalls state={state} store={store} host={host} settings={settings} ringer={ringer} />
      {connected.map((entry) => {
        // Once per card: the escalate button and the consult bar both depend on it.
        const leg = consultLegOf(state, entry.info.callId);
        return (
          <div className="call-stack" key={entry.info.callId}>
            {supervision && <SupervisionIndicator callId={entry.info.callId} supervision={supervision} />}
            <ActiveCall
              key={entry.info.callId}
              entry={entry}
              {...(entry === talking
                ? {
                    // The live meter (an AudioContext, its code in the in-call chunk) from a background task after the call connects; none until then.
                    ...(meterReady ? { meter: <MicMeter microphone={microphone} muted={entry.muted} /> } : {}),
                    qualityBadge: <LiveQualityBadge callId={entry.info.callId} log={qualityLog} />,
                  }
                : {})}
              recording={recorded.has(entry.info.callId)}
              reconnecting={signallingDown}
              keypadOpen={keypadFor === entry.info.callId}
              digitsSent={digits[entry.info.callId] ?? ''}
              onHold={() => store.toggleHold(entry.info.callId)}
              onMute={() => store.toggleMute(entry.info.callId)}
              onHangup={() => store.hangup(entry.info.callId)}
              onKeepTrying={() => store.keepTrying(entry.info.callId)}
              onToggleKeypad={() => setKeypadFor((k) => (k === entry.info.callId ? undefined : entry.info.callId))}
              {...(entry.call.phase === 'active' || (entry.call.phase === 'on-hold' && !leg)
                ? { onEscalate: () => setEscalation({ callId: entry.info.callId }) }
                : {})}
              onDigit={(digit) => {
                if (store.sendDtmf(entry.info.callId, digit).ok) {
                  setDigits((d) => ({ ...d, [entry.info.callId]: ((d[entry.info.callId] ?? '') + digit).slice(-32) }));
                }
              }}
            />
            <CallNotesBox
              notes={state.callNotes?.[entry.info.callId] ?? ''}
              language={settings.language}
              onChange={(notes) => store.setCallNotes(entry.info.callId, notes)}
            />
            {/* A colleague's consult is not a customer call: stages and call target start when the customer is transferred in. */}
            {!entry.info.colleagueConsult && (
              <Later>
                <AssistSidebar
                  entry={entry}
                  teamPhrases={settings.teamPhrases}
                  slaPolicy={slaPolicyFor(entry.info.queue?.name, settings)}
                  onEscalateSenior={() => setEscalation({ callId: entry.info.callId, queue: 'senior' })}
                  onInsertIntoNotes={(text) => store.appendCallNotes(entry.info.callId, text)}
                />
              </Later>
            )}
            <ConsultBar
              customer={entry}
              {...(leg ? { leg } : {})}
              onComplete={() => store.completeTransfer(entry.info.callId)}
              onMerge={() => void store.mergeConsult(entry.info.callId)}
              onSwap={() => store.swapConsult(entry.info.callId)}
              onCancel={() => store.cancelConsult(entry.info.callId)}
              onBackToCustomer={() => void store.backToCustomer(entry.info.callId)}
              onRetry={(queue) => setEscalation({ callId: entry.info.callId, queue })}
              onBlind={() => setEscalation({ callId: entry.info.callId })}
            />
            {entry.info.contextHeader && <Handoff info={entry.info} host={host} />}
            <Later>
              <CustomerPop
                host={host}
                number={entry.info.remote.number}
                callerName={entry.info.remote.name}
                defaultCountry={settings.defaultCountry}
                callId={entry.info.callId}
              />
            </Later>
            {besideCall && entry.info.callId === homeBeside?.info.callId && (
              <Later>
                <Leftover className="call-home">{besideCall}</Leftover>
              </Later>
            )}
          </div>
        );
      })}
      {escalatingEntry && (
        <EscalationDialog
          key={`${escalatingEntry.info.callId}-${openEscalation?.queue ?? ''}`}
          entry={escalatingEntry}
          store={store}
          host={host}
          settings={settings}
          escalations={escalations}
          team={team}
          {...(openEscalation?.queue ? { queue: openEscalation.queue } : {})}
          onClose={() => {
            setEscalation(undefined);
            setHandledIntent(escalateIntent);
          }}
        />
      )}
      {wrapUp && (
        <WrapUpPanel
          key={wrapUp.callId}
          wrapUp={wrapUp}
          store={store}
          host={host}
          settings={settings}
          {...(ended ? wrapUpInputs(ended, escalations, state.callNotes) : {})}
        />
      )}
      {/* Hidden, not unmounted, during calls and wrap-up: a ring does not pay for taking the dial pad
          out of the DOM (issue 19). A new one (its key) after each call: it starts empty, as before. */}
      <Activity mode={state.calls.length === 0 && !wrapUp ? 'visible' : 'hidden'}>
        <Dialer
          key={`${dialIntent?.id ?? 0} ${state.lastEnded?.info.callId ?? ''}`}
          disabled={!registered}
          {...(dialIntent ? { initial: dialIntent.target } : {})}
          onDial={(input) => void store.dial(input)}
        />
      </Activity>
    </div>
  );
});
