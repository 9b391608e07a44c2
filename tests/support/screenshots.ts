import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Screenshots of the real app at the moments a user sees, when WARMLINE_SCREENSHOT_DIR is set
 * (README pictures, and a look at what changed); otherwise nothing.
 */
export async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.WARMLINE_SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}
