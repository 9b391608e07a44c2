import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

/** A script a page asked for: its address and when its fetch started (ms since navigation start). */
export interface ScriptFetch {
  readonly url: string;
  readonly startedAt: number;
}

export interface ShippedFile extends ScriptFetch {
  /** The file's name (its path's last part). */
  readonly name: string;
  readonly raw: number;
  readonly gzip: number;
}

export interface Shipped {
  readonly raw: number;
  readonly gzip: number;
  readonly files: number;
  readonly list: readonly ShippedFile[];
}

/**
 * The JavaScript a page needed to be signed in: every .js whose fetch STARTED before "Signed in"
 * was on screen (resource timing `startTime` < the probe's `signedInAt`, both `performance.now()`
 * of the page), whether or not it had arrived by then; a script first asked for after it is not
 * counted, however soon. Read from the page, so the answer does not depend on when it is read.
 */
export async function scriptsStartedBefore(page: Page, signedInAt: number): Promise<ScriptFetch[]> {
  const entries = await page.evaluate(
    (before) =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.startTime < before && new URL(e.name).pathname.endsWith('.js'))
        .map((e) => ({ url: e.name, startedAt: e.startTime })),
    signedInAt,
  );
  return entries.filter((e, i) => entries.findIndex((f) => f.url === e.url) === i);
}

/**
 * The scripts' sizes, each fetched again here and gzipped (level 9), so the app and the bare page
 * are counted the same way whatever their servers send. `cache` keeps what was fetched by address.
 */
export async function weigh(scripts: readonly ScriptFetch[], cache = new Map<string, Buffer>()): Promise<Shipped> {
  const list: ShippedFile[] = [];
  for (const script of scripts) {
    let body = cache.get(script.url);
    if (!body) {
      const response = await fetch(script.url, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`JS shipped: ${script.url} answered ${response.status}`);
      body = Buffer.from(await response.arrayBuffer());
      cache.set(script.url, body);
    }
    const name = new URL(script.url).pathname.replace(/^.*\//, '');
    list.push({ ...script, name, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  }
  return {
    raw: list.reduce((sum, f) => sum + f.raw, 0),
    gzip: list.reduce((sum, f) => sum + f.gzip, 0),
    files: list.length,
    list,
  };
}
