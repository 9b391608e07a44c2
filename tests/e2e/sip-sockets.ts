import type { Page } from 'playwright-core';

/**
 * A page's SIP WebSockets (subprotocol `sip`; the host API has its own), kept by an init script so
 * a test can drop them as a network drop would, and the phone reconnects by itself.
 */
export async function trackSipSockets(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.WebSocket;
    const sockets: WebSocket[] = [];
    (window as unknown as { sipSockets: WebSocket[] }).sipSockets = sockets;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        if ([protocols].flat().includes('sip')) sockets.push(this);
      }
    } as typeof WebSocket;
  });
}

/** Closes the page's open SIP WebSockets. */
export async function dropSipSockets(page: Page): Promise<void> {
  await page.evaluate(() =>
    (window as unknown as { sipSockets: WebSocket[] }).sipSockets
      .filter((s) => s.readyState === WebSocket.OPEN)
      .forEach((s) => s.close()),
  );
}

/** How many SIP WebSockets the page has opened so far, and whether the newest is open. */
export function sipSocketsOf(page: Page): Promise<{ opened: number; newestOpen: boolean }> {
  return page.evaluate(() => {
    const sockets = (window as unknown as { sipSockets: WebSocket[] }).sipSockets;
    return { opened: sockets.length, newestOpen: sockets.at(-1)?.readyState === WebSocket.OPEN };
  });
}
