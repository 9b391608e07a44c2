import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { transformWithEsbuild, type Plugin } from 'vite';
import { APP_MODULE } from './app-preload';

/**
 * What the renderer may ship at start (issue 19's goal is 600 KB / 180 KB gzip; JsSIP and
 * react-dom alone are about 430 KB). The build fails past it and a test checks it, so the start
 * chunk can only shrink: lower these when it does. (587: the views' error boundary, "Try again" when a
 * chunk fails, is needed before any chunk can fail; 577: terser in place of esbuild, 586.6 -> 576.0 KB;
 * 578: 577.6 KB with the views' words loader and the bootstrap asked for before the entry runs; + early-host.js:
 * the scripts index.html loads from renderer/public/ count too, as the page fetches them before "Signed in", and
 * the budget rose by exactly their size, 1712 bytes raw and 853 gzip.)
 */
export const START_JS_BUDGET = { rawKb: 578 + 1712 / 1024, gzipKb: 161 + 853 / 1024 } as const;

export interface StartBudget {
  readonly rawKb: number;
  readonly gzipKb: number;
}

/**
 * What is over the budget, or undefined: the build and the start-budget test both ask this. Over is half a KB
 * or more past it (for a whole budget, the KB rounded past it), so a budget raised by a file's exact size
 * leaves the rest of the start the room it had.
 */
export function startOverBudget(start: { readonly raw: number; readonly gzip: number }, budget: StartBudget): string | undefined {
  const over = (bytes: number, kbBudget: number) => bytes / 1024 >= kbBudget + 0.5;
  const say = (bytes: number, kbBudget: number, gzip: string) =>
    `the renderer ships ${(bytes / 1024).toFixed(1)} KB${gzip} at start, over its budget of ${kbBudget.toFixed(1)} KB`;
  if (over(start.raw, budget.rawKb)) return say(start.raw, budget.rawKb, '');
  if (over(start.gzip, budget.gzipKb)) return say(start.gzip, budget.gzipKb, ' gzip');
  return undefined;
}

/** A script the page loads at start that is no chunk of the bundle: a file of renderer/public/ served as it is. */
export interface ShippedFile {
  readonly fileName: string;
  readonly code: string;
}

/**
 * The local scripts an HTML page names (`<script src="./early-host.js">`), as paths from the page's folder;
 * addresses with a scheme or host (`https:`, `//`) are not the page's own and are left out.
 */
export function pageScripts(html: string): string[] {
  const names: string[] = [];
  for (const tag of html.matchAll(/<script\b([^>]*)>/gi)) {
    const src = /\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(tag[1] ?? '');
    const address = src?.[1] ?? src?.[2] ?? src?.[3];
    if (!address || /^([a-z][\w+.-]*:|\/\/)/i.test(address)) continue;
    names.push(address.replace(/^\.?\//, '').replace(/[?#].*$/, ''));
  }
  return names;
}

/**
 * The scripts index.html loads at start that the bundle does not hold (renderer/public/early-host.js, copied to
 * the output as it is): read from `publicDir`. A script the page names that is neither a chunk nor there throws.
 */
export function publicStartScripts(html: string, chunkNames: ReadonlySet<string>, publicDir: string): ShippedFile[] {
  return pageScripts(html)
    .filter((name) => !chunkNames.has(name))
    .map((name) => {
      const path = join(publicDir, name);
      if (!existsSync(path)) throw new Error(`index.html loads ${name}, neither a chunk nor a file of ${publicDir}`);
      return { fileName: name, code: readFileSync(path, 'utf8') };
    });
}

/** node_modules/<package> or the project folder a module comes from: what the report groups by. */
export function moduleGroup(id: string): string {
  const path = id.replace(/\\/g, '/').replace(/^\0/, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg?.[1]) return pkg[1];
  const own = /\/(renderer\/src\/(?:features\/[^/]+|[^/]+)|shared\/[^/]+)/.exec(path);
  return own?.[1]?.replace(/\.(tsx?|json|css)$/, '') ?? 'other';
}

/** The parts of a Rollup output chunk the report reads. */
export interface ShippedChunk {
  readonly fileName: string;
  readonly code: string;
  readonly isEntry: boolean;
  readonly imports: readonly string[];
  readonly modules: Readonly<Record<string, { readonly renderedLength: number }>>;
}

export interface StartShipped {
  /**
   * Bytes of the scripts loaded before the page is usable: the entries, the app chunk and what they import
   * statically (minified), and the page's scripts from renderer/public/ (as they are).
   */
  readonly raw: number;
  /** Each script gzipped on its own, as each is served. */
  readonly gzip: number;
  readonly chunks: readonly ShippedChunk[];
  /** The page's scripts from renderer/public/ (early-host.js). */
  readonly files: readonly ShippedFile[];
  /** Every module id in those chunks. */
  readonly modules: readonly string[];
}

/**
 * What a page loads at start, with the sizes: the entries, the app chunk and their static imports, transitively,
 * and `files`, the page's scripts that are no chunk (publicStartScripts).
 */
export function startShipped(chunks: readonly ShippedChunk[], files: readonly ShippedFile[] = []): StartShipped {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const start = new Set<string>();
  const visit = (name: string) => {
    if (start.has(name)) return;
    start.add(name);
    for (const imported of byName.get(name)?.imports ?? []) visit(imported);
  };
  // The entries, and the app chunk main.tsx imports once the phone has signed in: the page is not
  // usable before React and the App run, so they count at start however they are loaded (issue 19).
  for (const c of chunks) if (c.isEntry || Object.keys(c.modules).some((id) => APP_MODULE.test(id))) visit(c.fileName);
  const atStart = chunks.filter((c) => start.has(c.fileName));
  const scripts = [...atStart, ...files];
  return {
    raw: scripts.reduce((sum, c) => sum + Buffer.byteLength(c.code), 0),
    gzip: scripts.reduce((sum, c) => sum + gzipSync(c.code, { level: 9 }).length, 0),
    chunks: atStart,
    files,
    modules: atStart.flatMap((c) => Object.keys(c.modules)),
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * The first character past Latin-1 in a script, with a little context, or undefined. One such
 * character (a ’ or … in a string or regular expression) makes Chromium hold the whole script's
 * source in two bytes a character: 0.6 MB more for the start chunk alone (issue 19: renderer USS).
 * The build escapes them in strings (esbuild charset 'ascii'); this catches what it leaves as written.
 */
export function wideCharacter(code: string): string | undefined {
  const at = code.search(/[^\u0000-\u00ff]/u);
  return at < 0 ? undefined : JSON.stringify(code.slice(Math.max(0, at - 30), at + 10));
}

/**
 * Prints what the renderer ships (issue 19): each chunk minified, raw and gzip, the ones loaded
 * at start marked, and what the start chunks are made of by module group: each module minified on
 * its own, scaled so the groups add up to the chunk (a share of the unminified length would
 * count JsSIP's generated grammar, which minifies to an eighth, at its source size).
 * `budget` fails the build when the start exceeds it, raw or gzip, or a script has a character past
 * Latin-1 (wideCharacter).
 */
export function jsShippedReport(options: { readonly budget?: StartBudget } = {}): Plugin {
  let publicDir = '';
  return {
    name: 'warmline-js-shipped',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    // The bundle as written: in generateBundle, Vite has not yet filled in the lists of chunks
    // each dynamic import preloads (__vite__mapDeps), ~0.5 KB the page does load.
    async writeBundle(_, bundle) {
      const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
      const page = bundle['index.html'];
      const html = page?.type === 'asset' ? String(page.source) : '';
      let files: ShippedFile[] = [];
      try {
        files = publicStartScripts(html, new Set(chunks.map((c) => c.fileName)), publicDir);
      } catch (e) {
        this.error(e instanceof Error ? e.message : String(e));
      }
      const start = startShipped(chunks, files);
      const startNames = new Set(start.chunks.map((c) => c.fileName));
      const groups = new Map<string, number>();
      const modules = new Map<string, number>();
      const lines: string[] = [];
      for (const f of files) {
        const raw = Buffer.byteLength(f.code);
        const gzip = gzipSync(f.code, { level: 9 }).length;
        lines.push(`  start  ${`public/${f.fileName}`.padEnd(48)} ${kb(raw).padStart(10)} ${kb(gzip).padStart(10)} gzip`);
      }
      for (const c of [...chunks].sort((a, b) => b.code.length - a.code.length)) {
        const raw = Buffer.byteLength(c.code);
        const gzip = gzipSync(c.code, { level: 9 }).length;
        const atStart = startNames.has(c.fileName);
        lines.push(
          `  ${atStart ? 'start ' : 'later '} ${c.fileName.padEnd(48)} ${kb(raw).padStart(10)} ${kb(gzip).padStart(10)} gzip`,
        );
        if (!atStart) continue;
        const sizes = await Promise.all(
          Object.entries(c.modules).map(async ([id, m]) => {
            const code = 'code' in m && typeof m.code === 'string' ? m.code : '';
            const minified = code ? (await transformWithEsbuild(code, 'module.js', { minify: true })).code.length : 0;
            return [id, minified] as const;
          }),
        );
        const total = sizes.reduce((sum, [, size]) => sum + size, 0) || 1;
        for (const [id, size] of sizes) {
          groups.set(moduleGroup(id), (groups.get(moduleGroup(id)) ?? 0) + (size / total) * raw);
          modules.set(id, (size / total) * raw);
        }
      }
      console.log(`\nJS shipped by the renderer (minified): ${kb(start.raw)} at start (${kb(start.gzip)} gzip)`);
      for (const line of lines) console.log(line);
      console.log('  at start, by module group (≈, each module minified alone, scaled to the chunk):');
      for (const [group, bytes] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
        console.log(`    ${group.padEnd(40)} ${kb(bytes).padStart(10)}`);
      }
      // WARMLINE_SHIPPED_MODULES=1: the project's own modules at start one by one, to see what to move out.
      if (process.env.WARMLINE_SHIPPED_MODULES === '1') {
        const own = [...modules].filter(([id]) => !id.includes('node_modules')).sort((a, b) => b[1] - a[1]);
        console.log("  at start, the project's own modules:");
        for (const [id, bytes] of own)
          console.log(`    ${id.replace(/^.*?\/(renderer|shared)\//, '$1/').padEnd(70)} ${kb(bytes).padStart(10)}`);
      }
      const over = options.budget && startOverBudget(start, options.budget);
      if (over) this.error(over);
      for (const c of options.budget ? [...chunks, ...files] : []) {
        const wide = wideCharacter(c.code);
        if (wide) this.error(`${c.fileName} has a character past Latin-1 (escape it as \\u....): ${wide}`);
      }
    },
  };
}
