import type { PhoneStore } from './phone-store';

/**
 * Browser mode's stand-in for the Electron shell's notifications: a ringing call raises a Web
 * Notification when the tab is hidden (permission is asked on the agent's first click, as browsers
 * require a gesture). The call-control shortcuts work in the window in both modes (ui/use-shortcut-keys).
 */
export function integrateWithBrowser(store: PhoneStore, win: Window = window): () => void {
  const askOnce = () => {
    if ('Notification' in win && Notification.permission === 'default') void Notification.requestPermission();
  };
  win.addEventListener('click', askOnce, { once: true });

  let notified: string | undefined;
  const stop = store.subscribe(() => {
    const offered = store.getSnapshot().calls.find((c) => c.call.phase === 'offered' && !c.info.replaces);
    if (!offered || offered.info.callId === notified) return;
    notified = offered.info.callId;
    // The page's visibility first: reading the permission is a synchronous call to the browser, in the ring's task.
    if (!win.document.hidden || !('Notification' in win) || Notification.permission !== 'granted') return;
    const caller = offered.info.remote.name ?? offered.info.remote.number;
    const notification = new Notification(`Warmline: ${caller}`, {
      body: offered.info.queue ? `${offered.info.remote.number} · ${offered.info.queue.name}` : offered.info.remote.number,
      tag: offered.info.callId,
    });
    notification.onclick = () => win.focus();
  });
  return () => {
    stop();
  };
}

/**
 * The dial-link schemes a web page may ask to handle: HTML's safelist for
 * `registerProtocolHandler` has `sip` and `tel`, but not `sips` or `callto`. A `web+callto`
 * handler would catch only links written that way, which no directory or CRM writes, so it is not
 * offered; the desktop app handles all four.
 */
export const WEB_DIAL_LINK_SCHEMES = ['tel', 'sip'] as const;

/** Where the browser hands a clicked link: the app's own address, `%s` being the whole link, encoded. */
export const DIAL_LINK_PARAM = 'dial';

type LinkWindow = Pick<Window, 'location' | 'history' | 'navigator'>;

/** Browser mode in a browser that lets a page handle links (Chromium, Firefox; not Safari). */
export function canHandleDialLinks(win: LinkWindow & { warmline?: unknown }): boolean {
  return win.warmline === undefined && typeof win.navigator.registerProtocolHandler === 'function';
}

/**
 * Asks the browser to open tel: and sip: links in this app. Must run inside a click: browsers
 * ignore it without a user gesture, and show their own prompt or address-bar icon to confirm.
 * Returns the schemes the browser refused outright (it says nothing about what the agent chose).
 */
export function offerDialLinkHandling(win: LinkWindow): string[] {
  const handler = `${win.location.origin}/?${DIAL_LINK_PARAM}=%s`;
  const refused: string[] = [];
  for (const scheme of WEB_DIAL_LINK_SCHEMES) {
    try {
      win.navigator.registerProtocolHandler(scheme, handler);
    } catch {
      refused.push(scheme);
    }
  }
  return refused;
}

/**
 * A link the browser opened the app with (`?dial=tel%3A%2B31…`): checked like a link from the OS
 * (shared/dial-link.ts) and put in the dial pad for the agent to confirm, never dialled. The
 * parameter is taken out of the address either way, so a reload does not bring it back.
 */
export async function takeDialLinkFromAddress(store: Pick<PhoneStore, 'requestDial'>, win: LinkWindow): Promise<void> {
  const { search, pathname, hash } = win.location;
  const pairs = search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '');
  const isDial = (pair: string) => pair.split('=', 1)[0] === DIAL_LINK_PARAM;
  const dial = pairs.find(isDial);
  if (dial === undefined) return;
  const rest = pairs.filter((pair) => !isDial(pair));
  win.history.replaceState(win.history.state, '', `${pathname}${rest.length ? `?${rest.join('&')}` : ''}${hash}`);
  // Decoded by hand, not by URLSearchParams: that reads "+" as a space, and "+31…" must stay a plus.
  let raw: string;
  try {
    raw = decodeURIComponent(dial.slice(DIAL_LINK_PARAM.length + 1));
  } catch {
    return;
  }
  // The link checker is fetched only when there is a link: most starts have none (issue 19: JS at start).
  const { parseDialLink } = await import('../../../shared/dial-link');
  const parsed = parseDialLink(raw);
  if (parsed.ok) store.requestDial(parsed.value.target);
}
