import type { App } from 'electron';
import { DIAL_LINK_SCHEMES, dialLinkScheme, findDialLink, parseDialLink } from '../../shared/dial-link';
import type { HostEvent } from '../../shared/host-api/events';

export interface DialLinkDeps {
  readonly push: (event: HostEvent) => void;
  /** Brings the window forward: the agent clicked a link and expects to see the dial pad. */
  readonly focus: () => void;
  readonly log: (message: string) => void;
}

/**
 * Makes Warmline the OS handler for tel:, sip:, sips: and callto: links. Only a packaged app
 * registers: from a dev checkout it would register the bare Electron binary, which cannot open us.
 * On macOS and Linux the packaged app also declares the schemes (Info.plist, .desktop MimeType).
 */
export function registerProtocolClients(app: Pick<App, 'isPackaged' | 'setAsDefaultProtocolClient'>, log: (m: string) => void) {
  if (!app.isPackaged) return;
  for (const scheme of DIAL_LINK_SCHEMES) {
    if (!app.setAsDefaultProtocolClient(scheme)) log(`dial-links: could not become the ${scheme}: handler`);
  }
}

/** Parses a link from the OS and, when it is one we dial, pushes it to the renderer's dial pad. */
export function createDialLinkHandler({ push, focus, log }: DialLinkDeps) {
  return (raw: string): boolean => {
    const parsed = parseDialLink(raw);
    if (!parsed.ok) {
      // The link itself is not logged: it is a customer's number, and it may be hostile.
      log(`dial-links: refused a ${dialLinkScheme(raw) ?? 'non-dial'} link (${parsed.error})`);
      return false;
    }
    push({ type: 'dial-link', target: parsed.value.target });
    focus();
    return true;
  };
}

/**
 * The three ways a link reaches us: macOS `open-url` (possibly before `ready`), the first launch's
 * argv (Windows, Linux), and a second launch's argv handed over by the single-instance lock.
 * Call before `app.whenReady()` so an early `open-url` is not lost.
 */
export function wireDialLinks(
  app: Pick<App, 'on'>,
  argv: readonly string[],
  handle: (raw: string) => boolean,
  onSecondInstance: () => void,
) {
  app.on('open-url', (event, url) => {
    event.preventDefault();
    handle(url);
  });
  app.on('second-instance', (_event, commandLine) => {
    const link = findDialLink(commandLine);
    if (link === undefined || !handle(link)) onSecondInstance();
  });
  const atLaunch = findDialLink(argv);
  if (atLaunch !== undefined) handle(atLaunch);
}
