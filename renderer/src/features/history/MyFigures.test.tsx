import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AgentStats } from '../../../../shared/history';
import { initI18n, loadViewWords, setLanguage } from '../../i18n';
import { MyFigures, type FiguresLoad } from './MyFigures';

const today: AgentStats = {
  from: 0,
  to: 1,
  handled: 3,
  avgHandleMs: 270_000,
  avgAcwMs: 45_000,
  escalationRate: 1 / 3,
  transferRate: 0,
};
const week: AgentStats = { ...today, handled: 1_204, avgHandleMs: 3_725_000, escalationRate: 0.125, transferRate: 0.05 };
const none: AgentStats = { from: 0, to: 1, handled: 0, avgHandleMs: 0, avgAcwMs: 0, escalationRate: 0, transferRate: 0 };
const render = (load: FiguresLoad, locale = 'en') => renderToStaticMarkup(<MyFigures load={load} locale={locale} />);
/** Each row's header and cells as text, in order. */
const rows = (html: string) =>
  [...html.matchAll(/<tr data-testid="figure-\w+">(.*?)<\/tr>/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1]),
  );

beforeAll(async () => {
  await initI18n('en');
  await loadViewWords(); // in the app they come with the view's chunk
});

describe('My figures', () => {
  it("shows today's and this week's calls handled, handle and ACW times and rates", () => {
    expect(rows(render({ kind: 'ready', today, week }))).toEqual([
      ['Calls handled', '3', '1,204'],
      ['Average handle time', '4 min 30 sec', '1 hr 2 min 5 sec'],
      ['Average after-call work', '45 sec', '45 sec'],
      ['Escalation rate', '33.3%', '12.5%'],
      ['Transfer rate', '0%', '5%'],
    ]);
  });

  it('leaves averages and rates out when no call was handled', () => {
    expect(rows(render({ kind: 'ready', today: none, week }))[0]).toEqual(['Calls handled', '0', '1,204']);
    expect(rows(render({ kind: 'ready', today: none, week })).map((r) => r[1])).toEqual(['0', '—', '—', '—', '—']);
  });

  it('writes the figures the way the language does', async () => {
    await setLanguage('da');
    const html = render({ kind: 'ready', today, week }, 'da');
    expect(html).toContain('Håndterede opkald');
    expect(html).toContain('4 min. og 30 sek.');
    expect(html).toContain('33,3\u00a0%');
    await setLanguage('en');
  });

  it('says while loading and when the figures could not be read, as text', () => {
    expect(render({ kind: 'loading' })).toContain('Loading your figures…');
    expect(render({ kind: 'failed', message: '<b>disk</b>' })).toContain('Could not load your figures: &lt;b&gt;disk&lt;/b&gt;');
  });
});
