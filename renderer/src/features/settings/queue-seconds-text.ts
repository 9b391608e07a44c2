import type { QueueSeconds } from '../../../../shared/settings';

/**
 * Per-queue seconds (after-call time, call target) as the agent edits them: one `queue = seconds` a line. A line that is
 * not that shape becomes an entry the shared schema refuses (NaN seconds), so the form says which
 * field is wrong instead of dropping what was typed.
 */
export function parseQueueSecondsText(text: string): QueueSeconds[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const at = line.lastIndexOf('=');
      if (at < 0) return { queue: line, seconds: Number.NaN };
      const seconds = line.slice(at + 1).trim();
      return { queue: line.slice(0, at).trim(), seconds: /^\d{1,4}$/.test(seconds) ? Number(seconds) : Number.NaN };
    });
}

export function formatQueueSecondsText(list: readonly QueueSeconds[]): string {
  return list.map((q) => `${q.queue} = ${q.seconds}`).join('\n');
}
