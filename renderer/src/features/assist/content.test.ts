import { beforeAll, describe, expect, it } from 'vitest';
import { assistContentSchema, compareContent, contentEntries, findPhrasesToAvoid, holdScript } from '../../../../shared/assist';
import { LOCALES } from '../../../../shared/locales';
import { assistContent, avoidMatcher, loadAssistContent, rawAssistContent } from './content';

beforeAll(async () => {
  for (const locale of LOCALES) await loadAssistContent(locale);
});

describe('de-escalation content files', () => {
  for (const locale of LOCALES) {
    it(`${locale} passes the content schema`, async () => {
      const result = assistContentSchema.safeParse(await rawAssistContent(locale));
      expect(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
    });

    it(`${locale} flags every one of its own phrases to avoid, and none of its own advice`, () => {
      const content = assistContent(locale);
      const matcher = avoidMatcher(locale);
      for (const rule of content.avoid) {
        for (const variant of rule.variants) {
          const ids = findPhrasesToAvoid(`well, ${variant}!`, matcher).map((m) => m.id);
          expect(ids, `${locale} ${variant}`).toEqual([rule.id]);
        }
      }
      for (const [path, text] of contentEntries(content)) {
        if (path.startsWith('avoid.') && path.endsWith('.variants')) continue;
        expect(findPhrasesToAvoid(text, matcher), `${locale} ${path}: ${text}`).toEqual([]);
      }
    });
  }

  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    it(`${locale} has every entry of the English content, no more, and none copied from English`, () => {
      expect(compareContent(assistContent('en'), assistContent(locale))).toEqual({ missing: [], extra: [], copied: [] });
    });
  }
});

describe('the hold script in every language (walk fault 10)', () => {
  it('leaves no raw placeholder in any language, named or not', () => {
    for (const locale of LOCALES) {
      const content = assistContent(locale);
      for (const name of ['Sarah Miller', undefined]) {
        const script = holdScript(content.hold, name);
        for (const line of [script.checkIn, ...script.return])
          expect({ locale, line }).toEqual({ locale, line: expect.not.stringMatching(/[[\]{}]/) });
      }
      expect({ locale, named: holdScript(content.hold, 'Sarah Miller').return.join(' ') }).toEqual({
        locale,
        named: expect.stringContaining('Sarah Miller'),
      });
    }
  });
});
