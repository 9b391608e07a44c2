import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

export interface Shipped {
  readonly raw: number;
  readonly gzip: number;
  readonly files: number;
}

/**
 * The JavaScript a page loaded before it was signed in (its resource timing entries), fetched
 * again and gzipped here, so the app and the bare page are counted the same way whatever their
 * servers send.
 */
export async function javascriptShipped(page: Page): Promise<Shipped> {
  const urls = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((name) => new URL(name).pathname.endsWith('.js')),
  );
  let raw = 0;
  let gzip = 0;
  for (const url of new Set(urls)) {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`JS shipped: ${url} answered ${response.status}`);
    const body = Buffer.from(await response.arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { raw, gzip, files: new Set(urls).size };
}
