import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { contentTypeFor } from '../../shared/content-types';

export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * Resolves a URL path inside `root` only (no `..` escapes, no dot-files); unknown paths fall back
 * to index.html so a reload on any screen works.
 */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  if (relative.split(sep).some((part) => part === '..' || (part.startsWith('.') && part.length > 1))) return undefined;
  const candidate = join(root, relative);
  if (!candidate.startsWith(root)) return undefined;
  const file = (await isFile(candidate)) ? candidate : extname(relative) === '' ? join(root, 'index.html') : undefined;
  if (file === undefined) return undefined;
  return { body: await readFile(file), contentType: contentTypeFor(file) };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
