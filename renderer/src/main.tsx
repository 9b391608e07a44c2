import type { SettingsView } from '../../shared/settings';
import type { AppServices, Startup } from './App';
import { isConfigured } from './boot/configured';
import { KeyBuffer } from './boot/key-buffer';
import { mountWhenAnswered } from './boot/mount-when-answered';
import { shellView, StartShell } from './boot/start-shell';
import { Microphone } from './audio/microphone';
import { Ringer } from './audio/ringer';
import { connectHost } from './host';
import { initI18n, lastLanguage, prefetchLanguage, t } from './i18n';
import { Phone } from './phone';
import { afterPaint } from './phone/after-paint';
import { CallRecordings } from './state/call-recordings';
import { EscalationLog } from './state/escalation-log';
import { recordHistory } from './state/history-recorder';
import { saveCallNotesAsTyped } from './state/call-notes-saver';
import { QualityLog, sampleCallQuality } from './state/quality-log';
import { integrateWithBrowser, takeDialLinkFromAddress } from './state/browser-integration';
import { bridgeHost } from './state/host-bridge';
import { TeamStore } from './state/team-store';
import type { ownCallFacts as OwnCallFacts } from './state/own-presence';
import { CallbacksStore } from './state/callbacks-store';
import { callbackReminder } from './state/callback-reminder';
import { PhoneStore } from './state/phone-store';
import { SupervisionStore } from './state/supervision-store';
import './styles.css';
import './ui/desk.css';

type SinkableAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

async function boot(): Promise<void> {
  // Keys pressed before React's keyboard handlers exist are kept for them (the app mounts last).
  const keys = new KeyBuffer();
  keys.listen(window);
  const host = connectHost();
  // Asked before anything else, in one round trip: the SIP socket opens the moment it answers (issue 19).
  // In browser mode it was asked before this module ran (public/early-host.js); this takes that answer.
  const bootstrap = host.bootstrap();
  // Meanwhile, the strings of the language this page showed last: usually the one the settings name.
  prefetchLanguage(lastLanguage());
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html lacks #root');

  // The far end is heard here, on the headset output the agent chose.
  const remoteAudio = document.createElement('audio') as SinkableAudio;
  remoteAudio.autoplay = true;
  remoteAudio.dataset.testid = 'remote-audio';
  document.body.append(remoteAudio);

  const microphone = new Microphone();
  const ringer = new Ringer();
  // Settled once the start shell shows the phone's state: the REGISTER can be answered before the
  // shell's strings are here, and what signing in does not need waits until it is on screen.
  let stateIsShown = () => {};
  const stateShown = new Promise<void>((resolve) => (stateIsShown = resolve));
  const phone = new Phone({ remoteAudio, getLocalStream: microphone.open, stateShown });
  const store = new PhoneStore(phone);
  // The team's presence and the queue board; the agent's own state is published as it changes.
  let selfUser = '';
  const team = new TeamStore(phone, () => selfUser);
  // The agent's state, and on a call its facts (queue, hold, escalation in progress) for supervisors.
  const escalations = new EscalationLog();
  // The call's facts are computed by a module asked for when the first REGISTER is answered and that
  // is on screen (the shell is up, a frame painted), as the presence client that publishes them is (issue 19: nothing that signing in
  // does not need is fetched before "Signed in").
  let callFacts: typeof OwnCallFacts | undefined;
  const publishOwn = () => {
    const snapshot = store.getSnapshot();
    team.agentChanged(snapshot.agent, callFacts?.(snapshot, escalations));
  };
  store.subscribe(publishOwn);
  escalations.subscribe(publishOwn);
  const stopAskingFacts = store.subscribe(() => {
    const { state } = store.getSnapshot().registration;
    if (state !== 'registered' && state !== 'failed') return;
    stopAskingFacts();
    void stateShown.then(() =>
      afterPaint(
        () =>
          void import('./state/own-presence').then((m) => {
            callFacts = m.ownCallFacts;
            publishOwn();
          }),
      ),
    );
  });
  // Subscribed before the first render: the host holds a tel: link that launched us until then.
  bridgeHost(host, store);
  // Electron registers global shortcuts and OS notifications; a browser tab gets the in-window equivalents.
  if (!window.warmline) {
    integrateWithBrowser(store);
    // A tel:/sip: link the browser opened us with, as the desktop app gets one from the OS.
    void takeDialLinkFromAddress(store, window);
  }
  // Callbacks promised in wrap-up: a new one is recorded when a wrap-up ends, so the list is read again then.
  const callbacks = new CallbacksStore(host, callbackReminder(host, window.warmline !== undefined));
  let lastAgentKind = store.getSnapshot().agent.kind;
  store.subscribe(() => {
    const kind = store.getSnapshot().agent.kind;
    if (lastAgentKind === 'wrap-up' && kind !== 'wrap-up') void callbacks.refresh();
    lastAgentKind = kind;
  });
  const quality = new QualityLog();
  sampleCallQuality(store, (callId) => phone.getStats(callId), quality);
  // Supervision (issue 16): requests are verified with the team key the host keeps; refusals go to the log.
  phone.setTeamKeySource(async () => {
    const key = await host.getTeamKey();
    return key.ok ? key.value : '';
  });
  const supervision = new SupervisionStore((message) => void host.logError({ message }));
  phone.onSupervision((event) => supervision.apply(event));
  recordHistory(store, host, escalations, quality, supervision);
  saveCallNotesAsTyped(store, host);
  // Recording is opt-in (off by default): the encoder's code is fetched with the first recorded call.
  const recorder = () => import('./phone/recorder');
  const recordings = new CallRecordings({
    phone,
    host,
    format: async () => (await recorder()).recordingFormat(),
    start: async (audio, codec, onData) => (await recorder()).CallRecorder.start(audio, codec, onData),
  });
  const applyDevices = (settings: SettingsView) => {
    recordings.setEnabled(settings.recordCalls);
    // Turned on: the encoder's code is fetched now, so the next answered call is recorded from its first second.
    if (settings.recordCalls) void recorder().catch(() => undefined);
    selfUser = /^sips?:([^@;]+)@/.exec(settings.sipUri)?.[1] ?? '';
    team.setTeamList(settings.teamMembers);
    microphone.setDevice(settings.microphoneId);
    void remoteAudio.setSinkId?.(settings.headsetId).catch(() => undefined);
    void ringer.setSink(settings.ringerId);
  };

  const started = await bootstrap;
  let startup: Startup;
  if (started.ok) {
    const { settings, openWrapUp, sipPassword } = started.value;
    // A wrap-up left open when the app stopped: the agent is back in it before signing in, so no
    // call is offered until it is finished; the form reads its draft and remaining time itself.
    if (openWrapUp) store.restoreWrapUp(openWrapUp.draft.callId, openWrapUp.call.endedAt, openWrapUp.draft.next);
    let signInProblems: readonly string[] = [];
    if (isConfigured(settings)) {
      applyDevices(settings);
      signInProblems = store.signIn(settings, sipPassword);
    }
    // The UI strings load while the phone registers.
    await initI18n(settings.language);
    startup = { kind: 'ready', settings, signInProblems };
  } else {
    await initI18n();
    startup = { kind: 'failed', message: started.error.message };
  }
  void callbacks.refresh();
  const services: AppServices = {
    host,
    store,
    team,
    callbacks,
    ringer,
    microphone,
    quality,
    escalations,
    supervision,
    monitor: (agent, mode) => phone.monitor(agent, mode),
    // The lab's queue-control user takes `pickup <agent>` (electron/lab/README.md).
    askQueue: (body) => phone.sendControlMessage('queue-control', body),
    recordings,
    applyDevices,
    startup,
  };
  window.addEventListener('beforeunload', () => void phone.stop());

  // Until React mounts, the status bar in plain DOM shows the phone's real state (issue 19: the
  // socket opened above, before React and the App are evaluated), and keeps the keys pressed meanwhile.
  const configured = startup.kind === 'ready' && isConfigured(startup.settings);
  const shell = new StartShell(root);
  const showState = () => {
    if (shell.shown) shell.show(shellView(store.getSnapshot(), configured, t));
  };
  showState();
  stateIsShown();
  const stopShell = store.subscribe(showState);
  // Fetched and compiled since the page loaded (modulepreload, scripts/lib/app-preload.ts); evaluated
  // once the first REGISTER is answered and the shell shows it (at most MOUNT_WAIT_MS from here).
  await mountWhenAnswered(store);
  const { mountApp } = await import('./mount');
  mountApp(root, services, () => {
    stopShell();
    // Exposed for end-to-end tests and support: read-only state, never credentials. Once the app
    // has mounted, so a test that waits for a state here finds the app showing it.
    (window as unknown as { warmlineState?: () => unknown }).warmlineState = () => services.store.getSnapshot();
    keys.replay(document.body);
  });
}

void boot();
