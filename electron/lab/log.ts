/** One JSON object per line, so `jq` and log shippers read the lab's output without a parser of ours. */
export type LabLogger = (event: Readonly<Record<string, unknown>>) => void;

/**
 * Lines are gathered and written once per turn of the event loop (and at exit): a write per SIP transaction was
 * a system call per REGISTER, a visible share of the lab's throughput (issue 19). With `gatherMs` they are
 * gathered that long instead (at most 1000 lines): one busy phone's transactions each take a turn of their own,
 * so a write and an immediate per turn were still one per REGISTER. The standalone lab (cli.ts) gathers 10 ms;
 * the embedded lab, whose log the desk tests read back, keeps writing every turn.
 */
const MAX_GATHERED = 1000;
const unflushed = new Set<() => void>();
let exitHooked = false;

export function jsonLineLogger(write: (line: string) => void = (l) => process.stdout.write(l), gatherMs = 0): LabLogger {
  let pending: string[] = [];
  let timer: NodeJS.Timeout | null = null;
  const flush = (): void => {
    unflushed.delete(flush);
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    write(text);
  };
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', () => unflushed.forEach((f) => f()));
  }
  return (event) => {
    if (pending.length === 0) {
      unflushed.add(flush);
      if (gatherMs > 0) {
        timer = setTimeout(flush, gatherMs);
        timer.unref(); // the exit hook writes what is left
      } else setImmediate(flush);
    }
    pending.push(`${jsonLine(event)}\n`);
    if (gatherMs > 0 && pending.length >= MAX_GATHERED) flush();
  };
}

/** The time stamp, formatted once per millisecond however many lines share it. */
let stampedAt = Number.NaN;
let stamp = '';

/**
 * `{"ts":…,` then the event's own JSON: no copy of the event with the time spread into it per line (issue 19).
 * An event that brings its own `ts` keeps it, as the spread did.
 */
function jsonLine(event: Readonly<Record<string, unknown>>): string {
  const now = Date.now();
  if (now !== stampedAt) {
    stampedAt = now;
    stamp = `{"ts":"${new Date(now).toISOString()}"`;
  }
  if (Object.hasOwn(event, 'ts')) return JSON.stringify({ ts: new Date(now).toISOString(), ...event });
  const json = JSON.stringify(event);
  return json === '{}' ? `${stamp}}` : `${stamp},${json.slice(1)}`;
}

export const silentLogger: LabLogger = () => {};
