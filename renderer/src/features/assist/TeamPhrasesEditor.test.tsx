import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEAM_PHRASE_LIMITS } from '../../../../shared/assist';
import { initI18n, loadViewWords } from '../../i18n';
import { TeamPhrasesEditor, type TeamPhrasesEditorProps } from './TeamPhrasesEditor';

const noop = () => {};
const base: TeamPhrasesEditorProps = { rows: [], errors: {}, status: { kind: 'idle' }, onChange: noop, onSave: noop };
const render = (props: Partial<TeamPhrasesEditorProps> = {}) => renderToStaticMarkup(<TeamPhrasesEditor {...base} {...props} />);

beforeAll(async () => {
  await initI18n('en');
  await loadViewWords(); // in the app they come with the view's chunk
});

describe('TeamPhrasesEditor', () => {
  it('says there are no team phrases yet and offers to add one', () => {
    const html = render();
    expect(html).toContain('Team phrases');
    expect(html).toContain('No team phrases yet.');
    expect(html).toMatch(/<button type="button" class="secondary">Add a phrase<\/button>/);
  });

  it('shows each phrase with its situation, a labelled remove button, and a row error', () => {
    const html = render({
      rows: [
        { key: 1, situation: 'closing', text: 'Thanks for sticking with us, <b>Ana</b>.' },
        { key: 2, situation: 'apology', text: '' },
      ],
      errors: { 1: 'empty' },
      status: { kind: 'invalid' },
    });
    expect(html).toContain('value="Thanks for sticking with us, &lt;b&gt;Ana&lt;/b&gt;."');
    expect(html).not.toContain('<b>Ana');
    expect(html).toMatch(/<option value="closing" selected="">Close the call<\/option>/);
    expect(html).toContain('aria-label="Remove phrase 2"');
    expect(html).toContain('Write the phrase, or remove it.');
    expect(html).toContain('Check the marked phrases.');
    expect(html).toContain(`maxLength="${TEAM_PHRASE_LIMITS.text}"`);
  });

  it('stops adding at the limit', () => {
    const rows = Array.from({ length: TEAM_PHRASE_LIMITS.entries }, (_, i) => ({
      key: i + 1,
      situation: 'apology' as const,
      text: 'x',
    }));
    expect(render({ rows })).toMatch(/<button type="button" class="secondary" disabled="">Add a phrase/);
  });

  it('says when saving failed and why', () => {
    expect(render({ status: { kind: 'failed', message: 'disk full' } })).toContain('Could not save: disk full');
  });
});
