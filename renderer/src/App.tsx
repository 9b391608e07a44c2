import { useTranslation } from './i18n';
import { Activity, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SettingsView } from '../../shared/settings';
import type { Microphone } from './audio/microphone';
import type { Ringer } from './audio/ringer';
import { AgentControls } from './features/agent/AgentControls';
import { RegistrationStatus } from './features/agent/RegistrationStatus';
import { PhoneScreen } from './features/calls/PhoneScreen';
import { RingingCalls, ringingCalls } from './features/calls/RingingCalls';
import { useShownQuality } from './features/calls/use-call-media';
import type { HostApi } from './host';
import {
  AudioDevicesPanel,
  CallbacksPanel,
  EscalationsWaiting,
  HistoryScreen,
  IDLE_PRELOADS,
  LabBanner,
  preloadOnIdle,
  SettingsScreen,
  SupervisorBoard,
  TeamPanel,
} from './ui/lazy-views';
import type { EscalationLog } from './state/escalation-log';
import { talkingCall } from './state/phone-state';
import { preloadReceivedContextDecoder } from './state/received-context';
import { usePhoneState, type PhoneStore } from './state/phone-store';
import { StatusBar } from './ui/StatusBar';
import { useAcwClock } from './ui/use-acw-clock';
import { useDeskKeyboard, type DeskView } from './ui/use-desk-keyboard';
import type { QualityLog } from './state/quality-log';
import type { CallRecordings } from './state/call-recordings';
import type { TeamStore } from './state/team-store';
import type { SupervisionStore } from './state/supervision-store';
import type { SupervisionMode } from '../../shared/supervision/request';
import type { Result } from '../../shared/result';
import type { CommandError } from './phone';
import type { MonitorLeg } from './phone/supervision';
import type { CallbacksStore } from './state/callbacks-store';
import { isConfigured } from './boot/configured';

/** What main.tsx found at start, having already restored an open wrap-up and signed in. */
export type Startup =
  | { readonly kind: 'ready'; readonly settings: SettingsView; readonly signInProblems: readonly string[] }
  | { readonly kind: 'failed'; readonly message: string };

export interface AppServices {
  readonly host: HostApi;
  readonly store: PhoneStore;
  readonly team: TeamStore;
  readonly callbacks: CallbacksStore;
  readonly ringer: Ringer;
  readonly microphone: Microphone;
  /** Every connected call's audio quality, measured by one sampler for the badges and the history. */
  readonly quality: QualityLog;
  /** Which calls are being recorded (Settings → Recording), for the call card's indicator. */
  readonly recordings: CallRecordings;
  readonly applyDevices: (settings: SettingsView) => void;
  readonly escalations: EscalationLog;
  /** Supervision of the agent's calls (the indicator) and the supervisor's own legs (issue 16). */
  readonly supervision: SupervisionStore;
  /** The supervisor listens to, coaches or barges into an agent's current call. */
  readonly monitor: (agent: string, mode: SupervisionMode) => Promise<Result<MonitorLeg, CommandError>>;
  /** A command to the server's queue control (picking up an escalation waiting for a senior, issue 16). */
  readonly askQueue: (body: string) => Promise<Result<void, CommandError>>;
  readonly startup: Startup;
}

type Load = { readonly kind: 'ready'; readonly settings: SettingsView } | { readonly kind: 'failed'; readonly message: string };

type View = DeskView;

export function App({ services }: { readonly services: AppServices }) {
  const { host, store } = services;
  const { t } = useTranslation();
  const phone = usePhoneState(store);
  const { startup } = services;
  const [load, setLoad] = useState<Load>(() =>
    startup.kind === 'ready' ? { kind: 'ready', settings: startup.settings } : startup,
  );
  const [view, setView] = useState<View>(() =>
    startup.kind === 'ready' && isConfigured(startup.settings) ? 'phone' : 'settings',
  );
  const [signInProblems, setSignInProblems] = useState<readonly string[]>(() =>
    startup.kind === 'ready' ? startup.signInProblems : [],
  );
  const rootRef = useRef<HTMLDivElement>(null);
  const ringing = ringingCalls(phone).length > 0;
  const keyboard = useDeskKeyboard(host, store, view, setView, rootRef, ringing);
  // Settings stay mounted once opened, hidden while another view shows: a half-edited form survives
  // a call answered from it (the phone screen comes forward) and the way back.
  const [settingsOpened, setSettingsOpened] = useState(false);
  if (view === 'settings' && !settingsOpened) setSettingsOpened(true);
  const acw = useAcwClock(host, phone.agent);
  const quality = useShownQuality(talkingCall(phone)?.info.callId, services.quality);
  // One element for the phone screen's whole life: it is memoised on its props.
  const besideCall = useMemo(() => <TeamPanel team={services.team} compact />, [services.team]);
  // What a call shows (its sidebar, the escalation dialog, the team panel) comes in chunks of its
  // own, fetched when the page is idle after signing in: the start is the phone and its sign-in.
  const registered = phone.registration.state === 'registered';
  useEffect(
    () => (registered ? preloadOnIdle([...IDLE_PRELOADS, { preload: preloadReceivedContextDecoder }]) : undefined),
    [registered],
  );

  const signIn = useCallback(
    async (settings: SettingsView) => {
      const password = await host.getSipPassword();
      services.applyDevices(settings);
      setSignInProblems(store.signIn(settings, password.ok ? password.value : ''));
    },
    [host, store, services],
  );

  // Only a change to the sign-in touches the registration, and never during a call (the store decides).
  const onSaved = async (settings: SettingsView) => {
    setLoad({ kind: 'ready', settings });
    services.applyDevices(settings);
    if (!isConfigured(settings)) return;
    const password = await host.getSipPassword();
    setSignInProblems(store.applySettings(settings, password.ok ? password.value : '').problems);
  };

  const settings = load.kind === 'ready' ? load.settings : undefined;
  const signedIn = phone.registration.state !== 'stopped' && phone.registration.state !== 'unregistered';
  return (
    <div className="app" ref={rootRef}>
      <StatusBar
        agentState={phone.agent}
        phoneConfigured={settings !== undefined && isConfigured(settings)}
        {...(acw ? { acw } : {})}
        {...(quality ? { quality } : {})}
      >
        <RegistrationStatus status={phone.registration} />
        <AgentControls
          agent={phone.agent}
          signedIn={signedIn}
          onAvailable={() => store.goAvailable()}
          onBreak={(reason) => store.takeBreak(reason)}
          onSignIn={() => settings && void signIn(settings)}
          onSignOut={() => void store.signOut()}
        />
        <nav className="views" aria-label={t('nav.region')}>
          <button type="button" aria-pressed={view === 'phone'} onClick={() => setView('phone')} data-shortcut="phone">
            {t('nav.phone')}
          </button>
          <button type="button" aria-pressed={view === 'history'} onClick={() => setView('history')} data-shortcut="history">
            {t('nav.history')}
          </button>
          <button type="button" aria-pressed={view === 'settings'} onClick={() => setView('settings')} data-shortcut="settings">
            {t('nav.settings')}
          </button>
          <button
            type="button"
            className="shortcuts-button"
            aria-label={t('shortcuts.open')}
            onClick={keyboard.openSheet}
            data-shortcut="shortcuts"
          >
            ?
          </button>
        </nav>
      </StatusBar>
      <main className={`content content-${view}`}>
        {view === 'phone' && <h1 className="sr-only">{t('nav.phone')}</h1>}
        {signInProblems.length > 0 && (
          <p className="error" role="alert">
            {t('agent.signInProblems', { fields: signInProblems.join(', ') })}
          </p>
        )}
        {load.kind === 'failed' && <p role="alert">{t('settings.loadFailed', { message: load.message })}</p>}
        {settings && settingsOpened && (
          <div className="settings-columns" hidden={view !== 'settings'}>
            <SettingsScreen
              host={host}
              initial={settings}
              onSaved={(s) => void onSaved(s)}
              onTeamPhrasesSaved={(s) => setLoad({ kind: 'ready', settings: s })}
              signInWaitsForCalls={phone.calls.length > 0 || phone.signInDeferred === true}
            />
            <AudioDevicesPanel
              host={host}
              settings={settings}
              ringer={services.ringer}
              onSaved={(s) => {
                setLoad({ kind: 'ready', settings: s });
                services.applyDevices(s);
              }}
            />
          </div>
        )}
        {settings && view === 'phone' && <LabBanner host={host} settingsVersion={settings} busy={phone.calls.length > 0} />}
        {settings && view === 'history' && <HistoryScreen host={host} dispositions={settings.dispositions} />}
        {/* A ringing call comes in front of any other view; the phone screen shows its own. */}
        {settings && view !== 'phone' && (
          <div className="ringing-layer">
            <RingingCalls
              state={phone}
              store={store}
              host={host}
              settings={settings}
              ringer={services.ringer}
              onAnswered={() => setView('phone')}
            />
          </div>
        )}
        {settings && view === 'phone' && (
          <PhoneScreen
            store={store}
            host={host}
            settings={settings}
            escalations={services.escalations}
            ringer={services.ringer}
            microphone={services.microphone}
            quality={services.quality}
            recordings={services.recordings}
            team={services.team}
            supervision={services.supervision}
            besideCall={besideCall}
          />
        )}
        {settings?.supervisor && view === 'phone' && (
          <SupervisorBoard
            team={services.team}
            supervision={services.supervision}
            monitor={services.monitor}
            phone={store}
            askQueue={services.askQueue}
          />
        )}
        {/* Hidden, not unmounted, while there is a call (issue 19: a ring does not pay for unmounting
            it); hidden, its effects are off, so the team list does not re-render under a call. */}
        {settings && view === 'phone' && (
          <Activity mode={phone.calls.length === 0 ? 'visible' : 'hidden'}>
            <div className="home-side">
              {!settings.supervisor && (
                <EscalationsWaiting team={services.team} phone={store} askQueue={services.askQueue} supervisor={false} />
              )}
              <CallbacksPanel
                callbacks={services.callbacks}
                canCall={phone.registration.state === 'registered' && phone.agent.kind !== 'wrap-up'}
                onCall={(number) => void store.dial(number)}
              />
              <TeamPanel team={services.team} />
            </div>
          </Activity>
        )}
      </main>
      {keyboard.sheet}
    </div>
  );
}
