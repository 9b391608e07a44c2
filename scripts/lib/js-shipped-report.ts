import { gzipSync } from 'node:zlib';
import { transformWithEsbuild, type Plugin } from 'vite';
import { APP_MODULE } from './app-preload';

/**
 * What the renderer may ship at start (issue 19's goal is 600 KB / 180 KB gzip; JsSIP and
 * react-dom alone are about 430 KB). The build fails past it and a test checks it, so the start
 * chunk can only shrink: lower these when it does. (587: the views' error boundary, "Try again" when a
 * chunk fails, is needed before any chunk can fail; 577: terser in place of esbuild, 586.6 -> 576.0 KB;
 * 578: 577.6 KB with the views' words loader and the bootstrap asked for before the entry runs.)
 */
export const START_JS_BUDGET = { rawKb: 578, gzipKb: 161 } as const;

export interface StartBudget {
  readonly rawKb: number;
  readonly gzipKb: number;
}

/** What is over the budget (KB rounded), or undefined: the build and the start-budget test both ask this. */
export function startOverBudget(start: { readonly raw: number; readonly gzip: number }, budget: StartBudget): string | undefined {
  const raw = Math.round(start.raw / 1024);
  const gzip = Math.round(start.gzip / 1024);
  if (raw > budget.rawKb) return `the renderer ships ${raw} KB at start, over its budget of ${budget.rawKb} KB`;
  if (gzip > budget.gzipKb) return `the renderer ships ${gzip} KB gzip at start, over its budget of ${budget.gzipKb} KB`;
  return undefined;
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
  /** Minified bytes of the chunks loaded before the page is usable: the entries, the app chunk and what they import statically. */
  readonly raw: number;
  readonly gzip: number;
  readonly chunks: readonly ShippedChunk[];
  /** Every module id in those chunks. */
  readonly modules: readonly string[];
}

/** The chunks a page loads at start, with their sizes: the entries, the app chunk and their static imports, transitively. */
export function startShipped(chunks: readonly ShippedChunk[]): StartShipped {
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
  return {
    raw: atStart.reduce((sum, c) => sum + Buffer.byteLength(c.code), 0),
    gzip: atStart.reduce((sum, c) => sum + gzipSync(c.code, { level: 9 }).length, 0),
    chunks: atStart,
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
  return {
    name: 'warmline-js-shipped',
    apply: 'build',
    // The bundle as written: in generateBundle, Vite has not yet filled in the lists of chunks
    // each dynamic import preloads (__vite__mapDeps), ~0.5 KB the page does load.
    async writeBundle(_, bundle) {
      const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
      const start = startShipped(chunks);
      const startNames = new Set(start.chunks.map((c) => c.fileName));
      const groups = new Map<string, number>();
      const modules = new Map<string, number>();
      const lines: string[] = [];
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
      for (const c of options.budget ? chunks : []) {
        const wide = wideCharacter(c.code);
        if (wide) this.error(`${c.fileName} has a character past Latin-1 (escape it as \\u....): ${wide}`);
      }
    },
  };
}
