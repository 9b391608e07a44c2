import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAssistContent } from '../assist/content';
import { initI18n, loadViewWords } from '../../i18n';
import { WrapUpForm, type WrapUpFormProps } from './WrapUpForm';
import {
  canFinish,
  draftOf,
  EMPTY_VALUES,
  extendsIn,
  finishOf,
  initialDeadline,
  parseLocalTime,
  toLocalTime,
  valuesOf,
} from './wrap-up-form';

const noop = () => {};
const base: WrapUpFormProps = {
  values: EMPTY_VALUES,
  dispositions: ['resolved', 'wrong-number'],
  mandatory: false,
  remainingMs: 25_000,
  elapsedMs: 5_000,
  extendsLeft: 3,
  next: 'available',
  saveState: 'saved',
  restored: false,
  language: 'en',
  finishing: false,
  onChange: noop,
  onNext: noop,
  onExtend: noop,
  onReady: noop,
};
const render = (props: Partial<WrapUpFormProps> = {}) => renderToStaticMarkup(<WrapUpForm {...base} {...props} />);
const readyButton = (html: string) => /<button type="submit"[^>]*>Ready<\/button>/.exec(html)?.[0] ?? '';

beforeAll(async () => {
  await initI18n('en');
  await loadViewWords(); // in the app they come with the view's chunk
  await loadAssistContent('nl');
});

describe('WrapUpForm', () => {
  it('shows the countdown, the dispositions, notes, callback and where the agent goes next', () => {
    const html = render();
    expect(html).toContain('0:25 left');
    for (const text of ['Disposition', 'resolved', 'wrong-number', 'Notes', 'Call back at', 'Callback number', 'Afterwards']) {
      expect(html).toContain(text);
    }
    expect(html).toContain('Break: Lunch');
    expect(html).toContain('Extend +30 s (3 left)');
    expect(readyButton(html)).not.toContain('disabled');
  });

  it('flags a phrase to avoid in the notes with the kinder alternative, in the notes language', () => {
    const calm = render({ values: { ...EMPTY_VALUES, notes: 'Customer shouted; I told him to calm down.' } });
    expect(calm).toMatch(/data-phrase="[^"]+"/);
    expect(calm).toContain('calm down');
    expect(render({ values: { ...EMPTY_VALUES, notes: 'Refund approved, customer happy.' } })).not.toMatch(/data-phrase=/);
    const dutch = render({ language: 'nl', values: { ...EMPTY_VALUES, notes: 'Ik zei: rustig aan, meneer.' } });
    expect(dutch).toMatch(/data-phrase="[^"]+"/);
  });

  it('in mandatory mode keeps Ready disabled until a disposition is chosen', () => {
    expect(readyButton(render({ mandatory: true }))).toContain('disabled');
    expect(readyButton(render({ mandatory: true, values: { ...EMPTY_VALUES, disposition: 'resolved' } }))).not.toContain(
      'disabled',
    );
    expect(render({ mandatory: true, remainingMs: -1 })).toContain('choose a disposition to finish');
  });

  it('counts up when wrap-up lasts until the agent is ready, and offers no Extend then', () => {
    const html = render({ remainingMs: null, elapsedMs: 75_000 });
    expect(html).toContain('Until you are ready · 1:15 so far');
    expect(html).toMatch(/<button type="button" class="secondary"[^>]*disabled=""[^>]*>Extend/);
  });

  it('escapes what the agent typed and what the caller is called', () => {
    const html = render({
      caller: '<img src=x onerror=alert(1)>',
      values: { ...EMPTY_VALUES, notes: '<script>alert(1)</script>' },
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('says when a wrap-up came back after a restart', () => {
    expect(render({ restored: true })).toContain('Unfinished wrap-up');
  });
});

describe('wrap-up form model', () => {
  it('keeps the callback only once it has a time, and round-trips through a draft', () => {
    const at = parseLocalTime('2026-11-26T09:30') ?? 0;
    const values = {
      disposition: 'resolved',
      notes: 'Ana: refund\nnext week',
      callbackAt: toLocalTime(at),
      callbackNumber: '+3120',
    };
    const draft = draftOf('c1', values, { kind: 'available' }, 1000);
    expect(draft.followUp).toEqual({ at, number: '+3120' });
    expect(draftOf('c1', { ...values, callbackAt: '' }, { kind: 'available' }, null).followUp).toBeUndefined();
    expect(
      valuesOf({ ...draft, disposition: 'resolved', notes: values.notes, next: { kind: 'available' }, deadline: 1000 }),
    ).toEqual(values);
    expect(finishOf('c1', values, 5).followUp).toEqual({ at, number: '+3120' });
  });

  it('derives the deadline and the Extends already used from it', () => {
    expect(initialDeadline(1000, 30)).toBe(31_000);
    expect(initialDeadline(1000, 0)).toBeNull();
    expect(extendsIn(31_000, 1000, 30)).toBe(0);
    expect(extendsIn(91_000, 1000, 30)).toBe(2);
    expect(extendsIn(1_000_000, 1000, 30)).toBe(3);
    expect(canFinish(EMPTY_VALUES, true)).toBe(false);
    expect(canFinish(EMPTY_VALUES, false)).toBe(true);
  });
});
