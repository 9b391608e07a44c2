import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_URL, createAppProtocolHandler, registerAppScheme } from '../../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp';
import { makeTempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
let root: string;
let serve: (request: Request) => Promise<Response>;

/** A built renderer on disk, with a secret beside it and links that point out of (and into) the folder. */
beforeEach(() => {
  dir = makeTempDir();
  root = join(dir.path, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Warmline</title>');
  writeFileSync(join(root, 'assets', 'index-Ab12.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-Cd34.css'), 'body{}');
  writeFileSync(join(root, 'icon.svg'), '<svg/>');
  writeFileSync(join(root, '.env'), 'SECRET=1');
  writeFileSync(join(dir.path, 'secret.txt'), 'agent passwords');
  symlinkSync(join(dir.path, 'secret.txt'), join(root, 'outside.txt'));
  symlinkSync(join(root, 'icon.svg'), join(root, 'inside.svg'));
  symlinkSync(dir.path, join(root, 'up'));
  serve = createAppProtocolHandler(root);
});
afterEach(() => dir.remove());

const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

describe('app:// scheme', () => {
  it('is registered as a standard, secure scheme that fetch and media may use, without bypassing CSP', () => {
    const calls: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => void calls.push(...schemes) });
    expect(calls).toEqual([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
      },
    ]);
    expect(APP_URL).toBe('app://warmline/index.html');
  });

  it('serves the built page and its assets with their content types and the CSP', async () => {
    const page = await get(APP_URL);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Warmline</title>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await get('app://warmline/')).status).toBe(200);
    const script = await get('app://warmline/assets/index-Ab12.js?v=1#x');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    expect((await get('app://warmline/assets/index-Cd34.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get('app://warmline/icon.svg')).headers.get('content-type')).toBe('image/svg+xml');
    const head = await get(APP_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it.each([
    ['plain ..', 'app://warmline/../secret.txt'],
    ['encoded ..', 'app://warmline/%2e%2e/secret.txt'],
    ['encoded slash', 'app://warmline/assets%2f..%2f..%2fsecret.txt'],
    ['encoded backslash', 'app://warmline/..%5csecret.txt'],
    ['double-encoded', 'app://warmline/%252e%252e/secret.txt'],
    ['absolute path', `app://warmline/${encodeURIComponent(join(dir?.path ?? '/tmp', 'secret.txt'))}`],
    ['drive letter', 'app://warmline/C:%5cWindows%5cwin.ini'],
    ['NUL byte', 'app://warmline/index.html%00.js'],
    ['broken escape', 'app://warmline/%E0%A4%A'],
    ['dot-file', 'app://warmline/.env'],
    ['symlink out of the folder', 'app://warmline/outside.txt'],
    ['symlink to a folder outside', 'app://warmline/up/secret.txt'],
    ['symlink inside the folder', 'app://warmline/inside.svg'],
    ['a folder', 'app://warmline/assets'],
    ['a missing file', 'app://warmline/history'],
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'file:///etc/passwd'],
  ])('refuses %s with a 404 that still carries the CSP', async (_name, url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toMatch(/agent passwords|SECRET/);
  });

  it('answers only reads', async () => {
    expect((await get(APP_URL, 'POST')).status).toBe(404);
  });

  it('serves nothing when the renderer folder is missing', async () => {
    expect((await createAppProtocolHandler(join(dir.path, 'gone'))(new Request(APP_URL))).status).toBe(404);
  });
});
