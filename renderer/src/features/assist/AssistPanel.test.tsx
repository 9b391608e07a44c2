import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { slaGuidance, stageChecklist, type Stage } from '../../../../shared/assist';
import { initI18n, loadViewWords } from '../../i18n';
import { AssistPanel, phrasesFor, type AssistPanelProps } from './AssistPanel';
import { assistContent, loadAssistContent } from './content';

const noop = () => {};
await loadAssistContent('en');
const content = assistContent('en');
const base: AssistPanelProps = {
  content,
  teamPhrases: [],
  checklist: stageChecklist(10_000, new Set()),
  onTick: noop,
  situation: 'acknowledgement',
  onSituation: noop,
  insertTarget: 'clipboard',
  onInsert: noop,
  abusive: false,
  onAbusive: noop,
  onEscalateSenior: noop,
  onCallMsAt: () => 10_000,
  targetMs: 360_000,
  sla: slaGuidance(10_000),
};
const render = (props: Partial<AssistPanelProps> = {}) => renderToStaticMarkup(<AssistPanel {...base} {...props} />);
const stageLi = (html: string, stage: Stage) =>
  new RegExp(`<li[^>]*data-testid="assist-stage-${stage}"[^>]*>`).exec(html)?.[0] ?? '';
const region = (html: string, testId: string) => new RegExp(`<p[^>]*data-testid="${testId}"[^>]*>([^<]*)</p>`).exec(html);

beforeAll(async () => {
  await initI18n('en');
  await loadViewWords(); // in the app they come with the view's chunk
});

describe('AssistPanel', () => {
  it('highlights the current stage with its checklist and keeps the others short', () => {
    const html = render();
    expect(stageLi(html, 'vent')).toContain('aria-current="step"');
    expect(stageLi(html, 'reassure')).not.toContain('aria-current');
    expect(html).toContain('Let them vent');
    expect(html).toContain('Let the customer finish without interrupting.');
    expect(html).not.toContain('Agree the next step and when it will happen.');
  });

  it('shows ticked stages as done and the next as current', () => {
    const html = render({ checklist: stageChecklist(10_000, new Set<Stage>(['vent'])) });
    expect(stageLi(html, 'vent')).toContain('data-status="done"');
    expect(html).toMatch(/<input type="checkbox" checked=""\/><span class="assist-stage-name">Let them vent/);
    expect(stageLi(html, 'reassure')).toContain('aria-current="step"');
    const complete = render({ checklist: stageChecklist(0, new Set<Stage>(['vent', 'reassure', 'resolve'])) });
    expect(complete).toContain('All three stages done');
  });

  it('offers the phrases for the situation, the team ones after the shipped ones, each numbered', () => {
    const teamPhrases = [
      { situation: 'apology' as const, text: 'Sorry from all of us at <Warmline>.' },
      { situation: 'closing' as const, text: 'Not shown for apologies.' },
    ];
    const html = render({ situation: 'apology', teamPhrases });
    for (const phrase of content.phrases.apology) expect(html).toContain(phrase.replace(/'/g, '&#x27;'));
    expect(html).toContain('Sorry from all of us at &lt;Warmline&gt;.');
    expect(html).not.toContain('Not shown for apologies.');
    expect(html).toContain('aria-label="Copy phrase 4"');
    expect(phrasesFor(content, teamPhrases, 'apology').at(-1)).toEqual({ text: teamPhrases[0]?.text, team: true });
    expect(render({ insertTarget: 'notes' })).toContain('aria-label="Insert phrase 1 into the notes"');
    expect(region(render({ insertFeedback: 'copied' }), 'assist-insert-feedback')?.[1]).toBe('Copied: paste it into the notes.');
  });

  it('shows the boundary script and the supervisor escalation only when the customer is marked abusive', () => {
    const off = render();
    expect(off).toContain('aria-pressed="false"');
    expect(off).not.toContain('Escalate to supervisor');
    const on = render({ abusive: true });
    expect(on).toContain('aria-pressed="true"');
    for (const step of content.abuse.steps) expect(on).toContain(step.replace(/'/g, '&#x27;').replace(/"/g, '&quot;'));
    expect(on).toMatch(/<button type="button" class="escalate"[^>]*>Escalate to supervisor<\/button>/);
  });

  it('nudges politely before the target and alerts when it is breached', () => {
    const quiet = render();
    expect(region(quiet, 'assist-nudge')?.[0]).toContain('aria-live="polite"');
    expect(region(quiet, 'assist-nudge')?.[1]).toBe('');
    expect(region(quiet, 'assist-breach')?.[1]).toBe('');
    const soon = render({ onCallMsAt: () => 300_000, sla: slaGuidance(300_000) });
    expect(region(soon, 'assist-nudge')?.[1]).toBe('Close to the 6:00 target: escalate or agree a callback now.');
    const over = render({ onCallMsAt: () => 400_000, sla: slaGuidance(400_000) });
    expect(region(over, 'assist-breach')?.[0]).toContain('aria-live="assertive"');
    expect(region(over, 'assist-breach')?.[1]).toBe('Over the 6:00 target: escalate or agree a callback.');
    expect(over).toContain('On the call 6:40 of a 6:00 target');
  });

  it('on hold shows the hold time and scripts, nudging at 30 s and 60 s', () => {
    const hold = (heldMs: number, guidance: 'none' | 'check-in' | 'return') =>
      render({ hold: { heldMsAt: () => heldMs, guidance, checkInAfterMs: 30_000, returnAfterMs: 60_000 } });
    const early = hold(5_000, 'none');
    expect(early).toContain('On hold 0:05');
    expect(early).toContain('Coming back from hold');
    expect(region(early, 'assist-nudge')?.[1]).toBe('');
    expect(region(hold(31_000, 'check-in'), 'assist-nudge')?.[1]).toBe(
      'On hold over 30 s: check in and say how long it will take.',
    );
    expect(region(hold(61_000, 'return'), 'assist-nudge')?.[1]).toBe('On hold over 60 s: go back to the customer now.');
    expect(render()).not.toContain('Coming back from hold');
  });
});
