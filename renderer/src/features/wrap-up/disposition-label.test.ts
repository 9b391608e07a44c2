import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../shared/settings';
import { LOCALES } from '../../../../shared/locales';
import { createTranslator } from '../../i18n/translator';
import { dispositionLabel } from './disposition-label';

const views = import.meta.glob<unknown>('../../i18n/locales/views/*.json', { eager: true, import: 'default' });

describe('disposition labels', () => {
  it('every shipped code has its own label in every language, never the raw code', () => {
    for (const locale of LOCALES) {
      const t = createTranslator(locale, views[`../../i18n/locales/views/${locale}.json`]).t;
      const labels = DEFAULT_SETTINGS.dispositions.map((code) => dispositionLabel(t, code));
      for (const [i, code] of DEFAULT_SETTINGS.dispositions.entries())
        expect({ locale, code, label: labels[i] }).toEqual({
          locale,
          code,
          label: expect.not.stringMatching(/^[a-z]+(-[a-z]+)*$/),
        });
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it("shows a team's own code as written", () => {
    const t = createTranslator('en', views['../../i18n/locales/views/en.json']).t;
    expect(dispositionLabel(t, 'sold-upgrade')).toBe('sold-upgrade');
    expect(dispositionLabel(t, 'resolved')).toBe('Resolved');
  });
});
