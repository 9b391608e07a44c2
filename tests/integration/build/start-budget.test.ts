import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveConfig } from 'electron-vite';
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import viewWords from '../../../renderer/src/i18n/locales/views/en.json';
import {
  publicStartScripts,
  START_JS_BUDGET,
  startOverBudget,
  startShipped,
  type StartShipped,
} from '../../../scripts/lib/js-shipped-report';

const root = resolve(import.meta.dirname, '../../..');

/**
 * The renderer as `npx electron-vite build` makes it (the project's config with electron-vite's
 * defaults, production mode), built in memory: nothing is written to out/.
 */
async function buildRenderer(): Promise<{ start: StartShipped; chunks: Rollup.OutputChunk[] }> {
  const resolved = await resolveConfig(
    { configFile: resolve(root, 'electron.vite.config.ts'), root, mode: 'production', logLevel: 'silent' },
    'build',
    'production',
  );
  const renderer = resolved.config?.renderer;
  if (!renderer) throw new Error('electron.vite.config.ts has no renderer build');
  const result = await build({
    ...renderer,
    configFile: false,
    logLevel: 'silent',
    // Vitest runs with NODE_ENV=test, which would pick React's development build.
    define: { ...renderer.define, 'process.env.NODE_ENV': JSON.stringify('production') },
    build: { ...renderer.build, write: false },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunks = outputs.flatMap((o) => o.output.flatMap((c) => (c.type === 'chunk' ? [c] : [])));
  const page = outputs.flatMap((o) => o.output).find((c) => c.type === 'asset' && c.fileName === 'index.html');
  const html = page?.type === 'asset' ? String(page.source) : '';
  // The page's scripts from renderer/public/ count at start, as the build's report counts them.
  const files = publicStartScripts(html, new Set(chunks.map((c) => c.fileName)), resolve(root, 'renderer/public'));
  return { start: startShipped(chunks, files), chunks };
}

// One build for the tests of this file (it takes a minute on a loaded machine).
let built: ReturnType<typeof buildRenderer> | undefined;
const renderer = () => (built ??= buildRenderer());

/** The modules a chunk brings with it: its own and those of every chunk it imports statically. */
function modulesWith(chunks: readonly Rollup.OutputChunk[], chunk: Rollup.OutputChunk): string[] {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const imported of byName.get(name)?.imports ?? []) visit(imported);
  };
  visit(chunk.fileName);
  return [...seen].flatMap((name) => Object.keys(byName.get(name)?.modules ?? {}));
}

const shortId = (id: string) =>
  id
    .replace(/\\/g, '/')
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\/(renderer|shared)\//, '$1/');

/**
 * What the renderer ships at start stays within its budget and keeps out what loads later
 * (issue 19): a structural check of the production build, not a timing.
 */
describe('JS the renderer ships at start', () => {
  it('stays within the start budget and loads languages, rare views, the escalation dialog, presence parsers, the recorder, phone metadata and zod later', async () => {
    const { start } = await renderer();
    const modules = start.modules.map(shortId);
    expect(modules.length).toBeGreaterThan(100);
    expect(start.files.map((f) => f.fileName)).toEqual(['early-host.js']);
    const loadedLater = [
      /^renderer\/src\/i18n\/locales\//, // every language's strings: the active one is fetched at start, others on a switch
      /^renderer\/src\/features\/assist\/content\//,
      /^renderer\/src\/features\/(history\/HistoryScreen|settings\/SettingsScreen|settings\/AudioDevicesPanel)/,
      /^libphonenumber-js\//, // phone-number metadata on the first dial or screen pop
      // No zod at all: the start code takes limits and rules from schema-free modules (shared/settings-rules.ts,
      // host-api/keymap.ts, ...); schemas load where they validate, and the host validates all the page sends.
      /^zod\//,
      // What a call shows beyond its card, preloaded on idle after signing in.
      /^renderer\/src\/features\/(escalation\/(EscalationDialog|EscalationPanel|ConsultBar|HandoffCard)|team\/TeamPanel)/,
      /^renderer\/src\/features\/(assist\/Assist(Sidebar|Panel)|customers\/Customer(Pop|Card)|wrap-up\/(WrapUpPanel|WrapUpForm))/,
      /^renderer\/src\/ui\/ShortcutSheet/,
      // Fetched while the first REGISTER is on its way: the presence client and its parsers.
      /^renderer\/src\/phone\/presence\.ts$/,
      /^shared\/presence\/(pidf|xml|dialog-info|queue-board)\.ts$/,
      /^renderer\/src\/phone\/recorder\.ts$/, // recording is opt-in: with the first recorded call
      /^renderer\/src\/features\/lab\//, // the lab's first-run banner
      /^renderer\/src\/features\/callbacks\/CallbacksPanel/, // with the first home, beside the team
      /^shared\/escalation\/(codec|sealed|web-crypto|older-format)/, // decoding a received context: with the first one
      /^(i18next|react-i18next|debug|ms)\//, // not shipped at all: renderer/src/i18n, and a shim for JsSIP's debug
    ];
    expect(modules.filter((id) => loadedLater.some((pattern) => pattern.test(id)))).toEqual([]);
    // The build's own check (the same rule, so the build and this test never disagree): raw and gzip, KB rounded.
    expect(startOverBudget(start, START_JS_BUDGET)).toBeUndefined();
  }, 180_000);

  it("loads no zod with the views the app's first render shows (team, callbacks, lab banner, escalations waiting)", async () => {
    const { chunks } = await renderer();
    const firstView =
      /renderer\/src\/features\/(team\/TeamPanel|callbacks\/CallbacksPanel|lab\/LabBanner|supervisor\/EscalationsWaiting)\.tsx$/;
    const views = chunks.filter((c) => Object.keys(c.modules).some((id) => firstView.test(id.replace(/\\/g, '/'))));
    expect(views.length).toBe(4);
    for (const view of views) {
      // Their chunks arrive as the app mounts, often while the REGISTER is on its way (issue 19).
      expect({
        [view.fileName]: modulesWith(chunks, view)
          .map(shortId)
          .filter((id) => /^zod\//.test(id)),
      }).toEqual({ [view.fileName]: [] });
    }
  }, 180_000);

  it("looks up none of the views' words in the start code: they arrive with the first view (i18n/locales/views)", async () => {
    const { start } = await renderer();
    const keys: string[] = [];
    const collect = (tree: object, prefix: string) => {
      for (const [key, value] of Object.entries(tree)) {
        if (typeof value === 'string') keys.push(`${prefix}${key}`);
        else collect(value as object, `${prefix}${key}.`);
      }
    };
    collect(viewWords, '');
    expect(keys.length).toBeGreaterThan(300);
    // A key written out ('settings.title', 'wrapUp.callback_one'), or the fixed start of one built in a template (`team.state.${s}`).
    const isViewKey = (text: string, templated: boolean) =>
      templated ? keys.some((k) => k.startsWith(`${text}.`)) : keys.some((k) => k === text || k.startsWith(`${text}_`));
    const own = start.modules.filter((id) => /[\\/]renderer[\\/]src[\\/].*\.tsx?$/.test(id));
    expect(own.length).toBeGreaterThan(50);
    const uses = own.flatMap((id) =>
      [...readFileSync(id, 'utf8').matchAll(/['"`]([A-Za-z]+(?:\.[\w-]+)+)(\.\$\{|['"`])/g)]
        .filter((m) => isViewKey(m[1] ?? '', m[2] === '.${'))
        .map((m) => `${shortId(id)}: ${m[1]}`),
    );
    expect(uses).toEqual([]);
  }, 180_000);
});
