import { useTranslation } from '../i18n';
import { lazy, Suspense, type ComponentProps, type ComponentType } from 'react';

/**
 * Views an agent opens now and then, each in its own chunk fetched when first shown (issue 19):
 * the phone screen is what the app needs at start. Each stands in for the real component with the
 * same props, showing "Loading…" for the moment its chunk takes to arrive.
 */
function whenOpened<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Lazy = lazy(async () => ({ default: await load() }));
  return function LazyView(props: P) {
    const { t } = useTranslation();
    return (
      <Suspense fallback={<p role="status">{t('settings.loading')}</p>}>
        <Lazy {...(props as P & ComponentProps<typeof Lazy>)} />
      </Suspense>
    );
  };
}

export const HistoryScreen = whenOpened(() => import('../features/history/HistoryScreen').then((m) => m.HistoryScreen));
export const SettingsScreen = whenOpened(() => import('../features/settings/SettingsScreen').then((m) => m.SettingsScreen));
export const AudioDevicesPanel = whenOpened(() =>
  import('../features/settings/AudioDevicesPanel').then((m) => m.AudioDevicesPanel),
);
// Only a supervisor's desk shows the board (issue 16): agents never fetch it.
export const SupervisorBoard = whenOpened(() => import('../features/supervisor/SupervisorBoard').then((m) => m.SupervisorBoard));
