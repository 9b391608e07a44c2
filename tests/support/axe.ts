import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: what the issue promises, not axe's best-practice extras. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] as const;

export interface AxeFinding {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  /** Selector and axe's own summary per offending node, so a failure says where and why. */
  readonly nodes: readonly string[];
}

/**
 * Runs axe-core in the page and returns the serious and critical violations. The source goes in
 * through `page.evaluate` (a DevTools evaluation, which the app's strict CSP does not govern), so
 * the app is tested with its real policy rather than a bypassed one.
 */
export async function seriousViolations(page: Page): Promise<readonly AxeFinding[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(
    async (tags) => {
      type Result = {
        violations: {
          id: string;
          impact?: string | null;
          help: string;
          nodes: { target: unknown[]; failureSummary?: string }[];
        }[];
      };
      const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<Result> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? 'unknown',
        help: v.help,
        nodes: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
      }));
    },
    WCAG_AA_TAGS as unknown as string[],
  );
  return found.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}

/** The same screen in the light and the dark theme: both must pass. */
export async function violationsInBothThemes(page: Page, screen: string): Promise<readonly string[]> {
  const report: string[] = [];
  const backgrounds = new Set<string>();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    backgrounds.add(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
    for (const v of await seriousViolations(page))
      report.push(`${screen} (${colorScheme}) ${v.id} [${v.impact}] ${v.help}: ${v.nodes.join(' | ')}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  // Both runs on one palette would pass the dark theme unchecked.
  if (backgrounds.size !== 2) report.push(`${screen}: the dark theme did not change the page background`);
  return report;
}
