/** True when `npm start` must run browser mode whatever binary and display there are. */
export function wantsBrowserMode(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): boolean;
