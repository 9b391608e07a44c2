import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  pageScripts,
  publicStartScripts,
  START_JS_BUDGET,
  startOverBudget,
  startShipped,
  type ShippedChunk,
} from '../../../scripts/lib/js-shipped-report';

const root = resolve(import.meta.dirname, '../../..');
const chunk = (fileName: string, code: string, more: Partial<ShippedChunk> = {}): ShippedChunk => ({
  fileName,
  code,
  isEntry: false,
  imports: [],
  modules: {},
  ...more,
});

describe("the start report counts the page's scripts from renderer/public/ (early-host.js), as the page loads them", () => {
  it('finds the local scripts a page names, not remote ones', () => {
    const html = `<script async fetchpriority="high"  src="./early-host.js"></script>
      <script type="module" crossorigin src="./assets/index-D3.js"></script>
      <script src='/other.js?v=1'></script><script src="https://cdn.example/x.js"></script><script src="//cdn.example/y.js"></script>
      <script>inline()</script>`;
    expect(pageScripts(html)).toEqual(['early-host.js', 'assets/index-D3.js', 'other.js']);
  });

  it('reads the ones that are no chunk from the public folder: renderer/index.html loads early-host.js', () => {
    const html = readFileSync(resolve(root, 'renderer/index.html'), 'utf8');
    // The entry (./src/main.tsx) stands for its chunk here; a script that is neither a chunk nor a public file throws.
    const files = publicStartScripts(html, new Set(['src/main.tsx']), resolve(root, 'renderer/public'));
    expect(files).toEqual([
      { fileName: 'early-host.js', code: readFileSync(resolve(root, 'renderer/public/early-host.js'), 'utf8') },
    ]);
    expect(() => publicStartScripts(html, new Set(), resolve(root, 'renderer/public'))).toThrow(
      /index\.html loads src\/main\.tsx, neither a chunk nor a file of/,
    );
  });

  it('adds them to the start, raw and gzip, beside the chunks', () => {
    const entry = chunk('assets/index.js', 'export const a = 1;'.repeat(50), { isEntry: true });
    const later = chunk('assets/later.js', 'export const b = 2;');
    const early = { fileName: 'early-host.js', code: '(function(){var x=1;})();' };
    const start = startShipped([entry, later], [early]);
    expect(start.raw).toBe(Buffer.byteLength(entry.code) + Buffer.byteLength(early.code));
    expect(start.gzip).toBe(gzipSync(entry.code, { level: 9 }).length + gzipSync(early.code, { level: 9 }).length);
    expect(start.files).toEqual([early]);
    expect(start.chunks.map((c) => c.fileName)).toEqual(['assets/index.js']);
  });

  it('the budget rose by exactly their size, and leaves the chunks the room they had (half a KB past it is over)', () => {
    const early = readFileSync(resolve(root, 'renderer/public/early-host.js'), 'utf8');
    const raw = Buffer.byteLength(early);
    const gzip = gzipSync(early, { level: 9 }).length;
    expect(START_JS_BUDGET.rawKb * 1024).toBeCloseTo(578 * 1024 + raw, 6);
    expect(START_JS_BUDGET.gzipKb * 1024).toBeCloseTo(161 * 1024 + gzip, 6);
    // Before, 578.49 KB of chunks passed a budget of 578 and 578.5 KB did not: the same with early-host.js counted.
    const small = { raw: 100_000, gzip: 100 };
    expect(startOverBudget({ ...small, raw: 578.49 * 1024 + raw }, START_JS_BUDGET)).toBeUndefined();
    expect(startOverBudget({ ...small, raw: 578.5 * 1024 + raw }, START_JS_BUDGET)).toMatch(/over its budget of 579\.7 KB/);
    expect(startOverBudget({ raw: 1000, gzip: 161.49 * 1024 + gzip }, START_JS_BUDGET)).toBeUndefined();
    expect(startOverBudget({ raw: 1000, gzip: 161.5 * 1024 + gzip }, START_JS_BUDGET)).toMatch(/KB gzip at start/);
  });
});
