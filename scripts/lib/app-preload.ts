import type { Plugin, Rollup } from 'vite';

/** The module main.tsx imports once the phone has signed in: React and the App (issue 19). */
export const APP_MODULE = /[\\/]renderer[\\/]src[\\/]mount\.tsx$/;

/** The app chunk and every chunk it imports statically, but not those the entry already loads. */
export function appChunks(bundle: Readonly<Record<string, Rollup.OutputChunk | Rollup.OutputAsset>>): {
  readonly js: string[];
  readonly css: string[];
} {
  const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const app = chunks.find((c) => Object.keys(c.modules).some((id) => APP_MODULE.test(id)));
  if (!app) return { js: [], css: [] };
  const atEntry = new Set<string>();
  const visitEntry = (name: string) => {
    if (atEntry.has(name)) return;
    atEntry.add(name);
    for (const imported of byName.get(name)?.imports ?? []) visitEntry(imported);
  };
  for (const c of chunks) if (c.isEntry) visitEntry(c.fileName);
  const js: string[] = [];
  const visit = (name: string) => {
    if (atEntry.has(name) || js.includes(name)) return;
    js.push(name);
    for (const imported of byName.get(name)?.imports ?? []) visit(imported);
  };
  visit(app.fileName);
  const css = js.flatMap((name) => [...(byName.get(name)?.viteMetadata?.importedCss ?? [])]);
  return { js, css };
}

/**
 * `<link rel="modulepreload">` in index.html for the app chunk and its imports (issue 19): the
 * browser fetches and compiles React and the App while the entry signs the phone in, and
 * evaluates them only when main.tsx imports them, after the REGISTER has gone out. Their CSS is
 * preloaded too, so the import does not wait for it: crossorigin, as Vite's preload helper asks for
 * the stylesheet (link.crossOrigin = ''); a preload without it did not match that request: the
 * preloaded copy went unused and Chromium warned on every start ("credentials mode does not match").
 */
export function appPreload(): Plugin {
  return {
    name: 'warmline-app-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.bundle) return [];
        const { js, css } = appChunks(ctx.bundle);
        return [
          ...js.map((file) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
            injectTo: 'head' as const,
          })),
          ...css.map((file) => ({
            tag: 'link',
            attrs: { rel: 'preload', as: 'style', crossorigin: true, href: `./${file}` },
            injectTo: 'head' as const,
          })),
        ];
      },
    },
  };
}
