import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type { WebHost } from '../../../electron/web-host/server';
import { createWebSocketHost } from '../../../renderer/src/host/ws-transport';
import type { HostEvent } from '../../../shared/host-api';
import { startBrowserHostRig, type BrowserHostRig } from './browser-host-rig';

let rig: BrowserHostRig;
let host: WebHost;
const statuses: unknown[] = [];
const errors: unknown[] = [];

/** The page's side runs the real browser transport; only the global WebSocket comes from `ws`, with the page's Origin. */
class PageWebSocket extends WebSocket {
  constructor(url: string) {
    super(url, { headers: { Origin: new URL(host.url).origin } });
  }
}

beforeEach(async () => {
  statuses.length = 0;
  errors.length = 0;
  rig = await startBrowserHostRig({
    services: { onAgentStatus: (s) => statuses.push(s), onRendererError: (r) => errors.push(r) },
  });
  host = rig.host;
  vi.stubGlobal('WebSocket', PageWebSocket);
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await rig.close();
});

const page = () => createWebSocketHost(new URL(host.url) as unknown as Location, host.token);

describe('browser mode: host events and reports on the one socket', () => {
  it('delivers pushed events to listeners, apart from responses, until they unsubscribe', async () => {
    const renderer = page();
    const received: HostEvent[] = [];
    const stop = renderer.onHostEvent((e) => received.push(e));
    expect(await renderer.getAppInfo()).toMatchObject({ ok: true, value: { host: 'browser' } });
    host.pushEvent({ type: 'command', command: 'mute' });
    host.pushEvent({ type: 'dial-link', target: '+4712345678' });
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received).toEqual([
      { type: 'command', command: 'mute' },
      { type: 'dial-link', target: '+4712345678' },
    ]);
    stop();
    host.pushEvent({ type: 'command', command: 'hold' });
    expect(await renderer.getSipPassword()).toMatchObject({ ok: true });
    expect(received).toHaveLength(2);
  });

  it('refuses to push an event the contract does not allow', () => {
    expect(() => host.pushEvent({ type: 'dial-link', target: 'a\r\nb' })).toThrow();
  });

  it('passes the agent status and renderer errors to the host, validated', async () => {
    const renderer = page();
    const status = { agentState: { kind: 'break' as const, breakReason: 'lunch' as const } };
    expect(await renderer.reportAgentStatus(status)).toEqual({ ok: true, value: null });
    expect(statuses).toEqual([status]);
    expect(await renderer.reportAgentStatus({ agentState: { kind: 'nap' } } as never)).toMatchObject({ ok: false });
    expect(await renderer.logError({ message: 'boom', source: 'App' })).toEqual({ ok: true, value: null });
    expect(errors).toEqual([{ message: 'boom', source: 'App' }]);
  });
});
