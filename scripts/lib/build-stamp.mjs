// The build stamp: a hash over everything the build reads (our sources, build configs, the lock
// file), written next to the output once a build succeeds. `npm start` builds only when the hash
// differs or an output is missing, so a later start with nothing changed goes straight to the app.
// Content, not modification times: a `git checkout` that touches files without changing them
// (or a fresh clone with a copied out/) costs no rebuild, and an edit always causes one.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Folders whose files the build reads; tests beside the code are not built and do not count. */
const SOURCE_DIRS = ['renderer', 'shared', 'electron', 'patches'];
const SOURCE_FILES = [
  'package.json',
  'package-lock.json',
  'electron.vite.config.ts',
  'tsconfig.json',
  'tsconfig.base.json',
  'tsconfig.electron.json',
  'tsconfig.renderer.json',
  'tsconfig.shared.json',
  'scripts/lib/build-host.mjs',
];
const NOT_BUILT = /(\.test\.tsx?|\.test-support\.ts)$/;

/** What a complete build leaves behind; any one missing means build again. */
export const BUILD_OUTPUTS = ['out/renderer/index.html', 'out/main/index.js', 'out/preload/index.cjs', 'out/host/web-host.js'];

const STAMP_FILE = 'out/.build-stamp.json';

function listFiles(root, dir, out) {
  let entries;
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') listFiles(root, path, out);
    } else if (entry.isFile() && !NOT_BUILT.test(entry.name)) out.push(path);
  }
}

/** sha256 over the sorted relative paths and contents of every build input, plus the Node major version. */
export function sourceHash(root) {
  const files = [];
  for (const dir of SOURCE_DIRS) listFiles(root, dir, files);
  for (const file of SOURCE_FILES) if (existsSync(join(root, file))) files.push(file);
  const hash = createHash('sha256');
  hash.update(`node ${process.versions.node.split('.')[0]}\0`);
  for (const file of files.map((f) => relative(root, join(root, f)).split('\\').join('/')).sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Is the build in out/ made from exactly these sources? */
export function buildIsCurrent(root, hash = sourceHash(root)) {
  if (!BUILD_OUTPUTS.every((f) => existsSync(join(root, f)))) return false;
  try {
    return JSON.parse(readFileSync(join(root, STAMP_FILE), 'utf8')).sources === hash;
  } catch {
    return false;
  }
}

export function writeBuildStamp(root, hash) {
  writeFileSync(join(root, STAMP_FILE), `${JSON.stringify({ sources: hash, builtAt: new Date().toISOString() })}\n`);
}
