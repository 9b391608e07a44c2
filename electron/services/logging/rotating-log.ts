import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from './redact';
import { truncateText } from '../../../shared/text';

export type LogLevel = 'error' | 'warn' | 'info';

export interface RotatingLogOptions {
  readonly dir: string;
  readonly fileName?: string;
  /** Rotate when the current file would grow past this. */
  readonly maxBytes?: number;
  /** Files kept, the current one included: `warmline.log`, `warmline.log.1`, … */
  readonly keep?: number;
  /** Also print to the console (development). */
  readonly console?: boolean;
  readonly now?: () => number;
}

/** One entry at most this long: a runaway stack or payload cannot push the rest of the log out. */
export const MAX_ENTRY_CHARS = 16_000;

/** Control characters shown, not obeyed; continuation lines indented, so no message can forge an entry of its own. */
function sanitise(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\n/g, '\n    ');
}

function describe(detail: unknown): string {
  if (detail === undefined) return '';
  if (detail instanceof Error) return detail.stack ?? `${detail.name}: ${detail.message}`;
  if (typeof detail === 'string') return detail;
  try {
    return JSON.stringify(detail);
  } catch {
    return String(detail);
  }
}

/**
 * The app's log file in the user data folder: append-only lines, rotated by size with a fixed
 * number of files kept, every entry redacted (no credentials, no escalation context) before it is
 * written or printed. Writes are synchronous: entries are few, and the one before a crash matters.
 */
export function createRotatingLog(options: RotatingLogOptions) {
  const fileName = options.fileName ?? 'warmline.log';
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = Math.max(1, options.keep ?? 5);
  const now = options.now ?? Date.now;
  const file = join(options.dir, fileName);
  mkdirSync(options.dir, { recursive: true });

  function size(): number {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  }

  function rotate(): void {
    rmSync(`${file}.${keep - 1}`, { force: true });
    for (let i = keep - 2; i >= 1; i--) {
      try {
        renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      } catch {
        // that generation does not exist yet
      }
    }
    if (keep > 1) renameSync(file, `${file}.1`);
    else rmSync(file, { force: true });
  }

  function write(level: LogLevel, message: string, detail?: unknown): void {
    // Cut first, then redact: redaction's cost grows with the text, and a cut-off secret is still found.
    const body = [message, describe(detail)].filter(Boolean).join('\n');
    const capped = redact(body.length > MAX_ENTRY_CHARS ? `${truncateText(body, MAX_ENTRY_CHARS)}…[truncated]` : body);
    const line = `${new Date(now()).toISOString()} ${level.toUpperCase()} ${sanitise(capped)}\n`;
    try {
      const current = size();
      if (current > 0 && current + Buffer.byteLength(line) > maxBytes) rotate();
      appendFileSync(file, line, { mode: 0o600 });
    } catch (error) {
      console.error(`log: could not write ${file}: ${(error as Error).message}`);
    }
    if (options.console) (level === 'info' ? console.log : console[level])(line.trimEnd());
  }

  return {
    file,
    error: (message: string, detail?: unknown) => write('error', message, detail),
    warn: (message: string, detail?: unknown) => write('warn', message, detail),
    info: (message: string, detail?: unknown) => write('info', message, detail),
  };
}

export type RotatingLog = ReturnType<typeof createRotatingLog>;
