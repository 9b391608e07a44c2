import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assistContentCheck } from '../../../scripts/lib/assist-content-check';

const root = resolve(import.meta.dirname, '../../..');
const contentFile = resolve(root, 'renderer/src/features/assist/content/en.json');

/** Runs the plugin's transform hook as the bundler would, with `this.error` throwing as Rollup's does. */
function check(code: string, id = contentFile): void {
  const plugin = assistContentCheck();
  const transform = plugin.transform as (this: unknown, code: string, id: string) => unknown;
  const context = {
    error: (message: string) => {
      throw new Error(message);
    },
  };
  transform.call(context, code, id);
}

describe('the build checks the shipped assist content (the page no longer parses it at start)', () => {
  it('passes the shipped English content', () => {
    expect(() => check(readFileSync(contentFile, 'utf8'))).not.toThrow();
  });

  it('fails the build on content missing a required phrase to avoid, naming the file', () => {
    const content = JSON.parse(readFileSync(contentFile, 'utf8')) as { avoid: { id: string }[] };
    content.avoid = content.avoid.filter((rule) => rule.id !== 'calm-down');
    expect(() => check(JSON.stringify(content))).toThrow(/en\.json does not match the assist content schema/);
  });

  it('leaves other JSON alone', () => {
    expect(() => check('{"not":"content"}', resolve(root, 'renderer/src/i18n/locales/en.json'))).not.toThrow();
  });
});
