import { Component, lazy, Suspense, useState, type ComponentProps, type ComponentType, type ReactNode } from 'react';
import { loadViewWords, useTranslation } from '../i18n';

/** A view in its own chunk, standing in for the real component with the same props. */
export type LazyView<P extends object> = ComponentType<P> & {
  /** Fetches the chunk now (on idle, say), so the first opening shows the view at once. */
  readonly preload: () => Promise<unknown>;
  /** True once the chunk is here: a view mounted from now on renders in the same commit, without Suspense. */
  readonly isLoaded: () => boolean;
};

/** What stands in for a view until its chunk arrives: a "Loading…" line, or nothing inside a call's card. */
type Fallback = 'settings.loading' | 'app.loading' | null;

function Loading({ text }: { readonly text: 'settings.loading' | 'app.loading' }) {
  const { t } = useTranslation();
  return <p role="status">{t(text)}</p>;
}

function ViewFailed({ onRetry }: { readonly onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <p role="alert" className="view-failed">
      {t('app.viewFailed')}{' '}
      <button type="button" className="secondary" onClick={onRetry}>
        {t('app.tryAgain')}
      </button>
    </p>
  );
}

/**
 * Keeps a view that failed (its chunk did not arrive: the browser-mode host restarted) to its own
 * place, with "Try again", where an error thrown while rendering would otherwise unmount the whole
 * app: the status bar and a call in progress with it.
 */
class ViewBoundary extends Component<
  { readonly children: ReactNode; readonly onRetry: () => void },
  { readonly failed: boolean }
> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error('A view could not be shown:', error);
  }

  override render(): ReactNode {
    return this.state.failed ? <ViewFailed onRetry={this.props.onRetry} /> : this.props.children;
  }
}

/**
 * Views an agent opens now and then, each in its own chunk fetched when first shown (issue 19):
 * the phone screen is what the app needs at start. Until the chunk arrives the view shows
 * `fallback` ("Loading…", or nothing). A view mounted after its chunk arrived renders the component directly,
 * without a Suspense round: an escalation dialog preloaded on idle opens in the click's frame.
 * Each mounted view keeps the one way it started, so a form's state survives its chunk arriving.
 * A view's chunk counts as arrived once the views' words of the active language are here too
 * (i18n loadViewWords): the start fetches only the phone screen's words.
 */
export function whenOpened<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: Fallback = 'settings.loading',
): LazyView<P> {
  let loaded: ComponentType<P> | undefined;
  let loadingChunk: Promise<ComponentType<P>> | undefined;
  // React.lazy keeps a failed load for good: after a failure the next mount (or "Try again") gets a
  // lazy of its own, which fetches the chunk anew.
  const newLazy = () => lazy(async () => ({ default: await preload() }));
  const preload = (): Promise<ComponentType<P>> =>
    (loadingChunk ??= Promise.all([load(), loadViewWords()]).then(
      ([component]) => (loaded = component),
      (error: unknown) => {
        // A failed fetch (the host restarted) is tried again by the next opening or "Try again".
        loadingChunk = undefined;
        Lazy = newLazy();
        throw error;
      },
    ));
  let Lazy = newLazy();
  function LazyView(props: P) {
    const [ready] = useState(() => loaded);
    const [attempt, setAttempt] = useState(0);
    if (ready) {
      const View = ready;
      return <View {...props} />;
    }
    return (
      <ViewBoundary key={attempt} onRetry={() => setAttempt((n) => n + 1)}>
        <Suspense fallback={fallback === null ? null : <Loading text={fallback} />}>
          <Lazy {...(props as P & ComponentProps<typeof Lazy>)} />
        </Suspense>
      </ViewBoundary>
    );
  }
  return Object.assign(LazyView, { preload, isLoaded: () => loaded !== undefined });
}

export const HistoryScreen = whenOpened(() => import('../features/history/HistoryScreen').then((m) => m.HistoryScreen));
export const SettingsScreen = whenOpened(() => import('../features/settings/SettingsScreen').then((m) => m.SettingsScreen));
export const AudioDevicesPanel = whenOpened(() =>
  import('../features/settings/AudioDevicesPanel').then((m) => m.AudioDevicesPanel),
);
// Only a supervisor's desk shows the board (issue 16): agents never fetch it.
export const SupervisorBoard = whenOpened(() => import('../features/supervisor/SupervisorBoard').then((m) => m.SupervisorBoard));
// Opened on a call now and then; preloaded on idle after start (preloadOnIdle).
export const EscalationDialog = whenOpened(
  () => import('../features/escalation/EscalationDialog').then((m) => m.EscalationDialog),
  'app.loading',
);
// Beside the dial pad when there is no call: its chunk follows the start chunk at once.
export const TeamPanel = whenOpened(() => import('../features/team/TeamPanel').then((m) => m.TeamPanel), 'app.loading');
// Beside the team on the home between calls (issue 15): fetched with the first home, kept for every later one.
export const CallbacksPanel = whenOpened(
  () => import('../features/callbacks/CallbacksPanel').then((m) => m.CallbacksPanel),
  null,
);
// Shows nothing until an escalation waits for this senior (issue 16): no "Loading…" on every agent's home.
export const EscalationsWaiting = whenOpened(
  () => import('../features/supervisor/EscalationsWaiting').then((m) => m.EscalationsWaiting),
  null,
);

// The lab's first-run banner (issue 18): only a lab session shows anything in it, and nothing waits on it.
export const LabBanner = whenOpened(() => import('../features/lab/LabBanner').then((m) => m.LabBanner), null);

// A call's assist sidebar, consult bar, handoff card, customer pop, microphone meter and wrap-up: one chunk
// (ui/in-call.ts), preloaded on idle; inside a ringing card they show nothing until it is there.
const inCall = () => import('./in-call');
export const AssistSidebar = whenOpened(() => inCall().then((m) => m.AssistSidebar), null);
export const ConsultBar = whenOpened(() => inCall().then((m) => m.ConsultBar), null);
export const Handoff = whenOpened(() => inCall().then((m) => m.Handoff), null);
export const CustomerPop = whenOpened(() => inCall().then((m) => m.CustomerPop), null);
export const MicMeter = whenOpened(() => inCall().then((m) => m.MicMeter), null);
export const WrapUpPanel = whenOpened(() => inCall().then((m) => m.WrapUpPanel), 'app.loading');
// The call notes' counter and "did not fit" message (the notes box itself is in the start chunk).
export const TextLimit = whenOpened(() => inCall().then((m) => m.TextLimit), null);
// The keyboard shortcut sheet ("?"): help, opened now and then.
export const ShortcutSheet = whenOpened(() => import('./ShortcutSheet').then((m) => m.ShortcutSheet), 'app.loading');

/**
 * Every view a call may show, and what an agent opens mid-call. Each view keeps its own
 * "loaded" flag, so each is preloaded even where several share one chunk: a view whose chunk is
 * here but that was never preloaded still mounts through a Suspense round, and a wrap-up form
 * that is not in the DOM in the frame the status says "After-call work" loses the agent's
 * Ctrl+Alt+R (the keyboard transfer story's failure, issue 19's in-call chunk).
 */
export const IDLE_PRELOADS: readonly LazyView<never>[] = [
  EscalationDialog,
  TeamPanel,
  CallbacksPanel,
  AssistSidebar,
  ConsultBar,
  Handoff,
  CustomerPop,
  MicMeter,
  WrapUpPanel,
  TextLimit,
  ShortcutSheet,
] as readonly LazyView<never>[];

/**
 * Fetches the views an agent may open mid-call once the page is idle after start, so a ringing
 * call, the wrap-up or the Escalate button never waits for a chunk. Returns a cancel for React's effect cleanup.
 */
export function preloadOnIdle(views: readonly { readonly preload: () => Promise<unknown> }[] = IDLE_PRELOADS): () => void {
  const preloadAll = () => {
    for (const view of views) void view.preload().catch(() => undefined);
  };
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(preloadAll, { timeout: 5_000 });
    return () => cancelIdleCallback(id);
  }
  const timer = setTimeout(preloadAll, 1_000);
  return () => clearTimeout(timer);
}
