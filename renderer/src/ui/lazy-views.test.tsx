import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../i18n';
import {
  AssistSidebar,
  ConsultBar,
  CustomerPop,
  EscalationDialog,
  Handoff,
  IDLE_PRELOADS,
  MicMeter,
  ShortcutSheet,
  WrapUpPanel,
  whenOpened,
} from './lazy-views';

beforeAll(async () => {
  await initI18n('en');
});

const Greeting = ({ name }: { readonly name: string }) => <p>Hello {name}</p>;

describe('a view in its own chunk', () => {
  it('shows "Loading…" until its chunk is there, and the view itself once preloaded', async () => {
    const View = whenOpened(async () => Greeting, 'app.loading');
    expect(renderToStaticMarkup(<View name="Ana" />)).toBe('<p role="status">Loading…</p>');
    await View.preload();
    expect(renderToStaticMarkup(<View name="Ana" />)).toBe('<p>Hello Ana</p>');
  });

  it('fetches its chunk once however often it is preloaded, and again after a failed fetch', async () => {
    let fetches = 0;
    const View = whenOpened(async () => {
      fetches += 1;
      if (fetches === 1) throw new Error('the host restarted');
      return Greeting;
    });
    await expect(View.preload()).rejects.toThrow('the host restarted');
    await Promise.all([View.preload(), View.preload()]);
    expect(fetches).toBe(2);
    expect(renderToStaticMarkup(<View name="Bo" />)).toBe('<p>Hello Bo</p>');
  });
});

describe('the idle preload after signing in', () => {
  it('loads every view a call shows, each of them, so none mounts through a Suspense round', async () => {
    const inCall = [AssistSidebar, ConsultBar, Handoff, CustomerPop, MicMeter, WrapUpPanel, EscalationDialog, ShortcutSheet];
    for (const view of inCall) expect(IDLE_PRELOADS).toContain(view);
    await Promise.all(IDLE_PRELOADS.map((view) => view.preload()));
    expect(IDLE_PRELOADS.filter((view) => !view.isLoaded())).toEqual([]);
  }, 60_000); // transforming every in-call chunk took over 5 s at a load average of 24
});
