import type { SettingsView } from '../../../shared/settings';

/** Whether the settings name a server and an address to sign in with (else the app opens on Settings). */
export const isConfigured = (s: SettingsView) => s.serverUrl !== '' && s.sipUri !== '';
