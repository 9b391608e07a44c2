import type { QueueWrapUp } from '../../../../shared/settings';

/**
 * Per-queue after-call time as the agent edits it: one `queue = seconds` a line. A line that is
 * not that shape becomes an entry the shared schema refuses (NaN seconds), so the form says which
 * field is wrong instead of dropping what was typed.
 */
export function parseQueueWrapUpsText(text: string): QueueWrapUp[] {
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

export function formatQueueWrapUpsText(list: readonly QueueWrapUp[]): string {
  return list.map((q) => `${q.queue} = ${q.seconds}`).join('\n');
}
