import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';

export interface TestPages {
  /** http://127.0.0.1:<port>/<name>.html for each bundled entry. */
  url(name: string): string;
  close(): Promise<void>;
}

/**
 * Bundles browser entry points (TypeScript, with JsSIP or SIP.js inside) with esbuild and
 * serves them from 127.0.0.1. A loopback http origin is a secure context, so getUserMedia,
 * WebRTC and Web Audio behave as they do in the app.
 */
export async function serveTestPages(
  entries: Readonly<Record<string, string>>,
  options: {
    readonly minify?: boolean;
    /** Sent with every file, e.g. the app host's isolation headers, so a page is served as the app is. */
    readonly headers?: Readonly<Record<string, string>>;
  } = {},
): Promise<TestPages> {
  const dir = mkdtempSync(join(tmpdir(), 'warmline-pages-'));
  await build({
    entryPoints: entries,
    outdir: dir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    // Minified (no source map) when a benchmark weighs the page against the app's build.
    minify: options.minify === true,
    sourcemap: options.minify === true ? false : 'inline',
    logLevel: 'warning',
  });
  for (const name of Object.keys(entries)) {
    writeFileSync(
      join(dir, `${name}.html`),
      `<!doctype html><meta charset="utf-8"><title>${name}</title><audio id="remote" autoplay></audio><script type="module" src="./${name}.js"></script>`,
    );
  }
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^([/\\])+/, '');
    if (path.includes('..')) {
      res.writeHead(400).end();
      return;
    }
    readFile(join(dir, path)).then(
      (body) => {
        const type = path.endsWith('.html') ? 'text/html' : 'text/javascript';
        res.writeHead(200, { ...options.headers, 'content-type': `${type}; charset=utf-8` }).end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}.html`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
