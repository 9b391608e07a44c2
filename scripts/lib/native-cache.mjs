// better-sqlite3 installs a prebuilt binary that prebuild-install downloads from GitHub and keeps
// in npm's cache (~/.npm/_prebuilds). Where GitHub cannot be reached (only the npm registry, as on
// our CI machines) it compiles SQLite instead: minutes on two cores, and again for every fresh
// clone. After such a compile this puts the result where prebuild-install looks first, under the
// exact name of the download it stands for (same package version, Node ABI, platform, arch), so the
// next clone on this machine installs it in a second, as if it had been downloaded once.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A one-file ustar archive. */
function tarOne(name, body, mode = 0o755) {
  const header = Buffer.alloc(512);
  const field = (text, offset, length) => header.write(text, offset, length, 'ascii');
  const octal = (value, length) => value.toString(8).padStart(length - 1, '0');
  field(name, 0, 100);
  field(octal(mode, 8), 100, 8);
  field(octal(0, 8), 108, 8);
  field(octal(0, 8), 116, 8);
  field(octal(body.length, 12), 124, 12);
  field(octal(Math.floor(Date.now() / 1000), 12), 136, 12);
  field('        ', 148, 8);
  field('0', 156, 1);
  field('ustar\u000000', 257, 8);
  let sum = 0;
  for (const byte of header) sum += byte;
  field(`${octal(sum, 7)}\u0000 `, 148, 8);
  const padding = Buffer.alloc((512 - (body.length % 512)) % 512);
  return Buffer.concat([header, body, padding, Buffer.alloc(1024)]);
}

/** Keeps a from-source build of better-sqlite3 in prebuild-install's cache; quiet no-op otherwise. */
export function keepCompiledSqlite(root) {
  try {
    const packageDir = join(root, 'node_modules', 'better-sqlite3');
    const binary = join(packageDir, 'build', 'Release', 'better_sqlite3.node');
    // obj.target exists only after a compile; a downloaded prebuild has just the .node file.
    if (!existsSync(binary) || !existsSync(join(packageDir, 'build', 'Release', 'obj.target'))) return;
    const require = createRequire(join(packageDir, 'package.json'));
    const util = require('prebuild-install/util');
    const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    const url = util.getDownloadUrl({
      pkg,
      runtime: 'node',
      abi: process.versions.modules,
      platform: process.platform,
      arch: process.arch,
      libc: '',
      'tag-prefix': 'v',
    });
    const cached = util.cachedPrebuild(url);
    if (existsSync(cached) && statSync(cached).size > 0) return;
    mkdirSync(join(cached, '..'), { recursive: true });
    const temp = `${cached}.${process.pid}.tmp`;
    writeFileSync(temp, gzipSync(tarOne('build/Release/better_sqlite3.node', readFileSync(binary))));
    renameSync(temp, cached);
  } catch {
    // Only a speed-up for the next clone: never a reason for this start to fail.
  }
}
