/** One JSON object per line, so `jq` and log shippers read the lab's output without a parser of ours. */
export type LabLogger = (event: Readonly<Record<string, unknown>>) => void;

/**
 * Lines are gathered and written once per turn of the event loop (and at exit): a write per SIP transaction was
 * a system call per REGISTER, a visible share of the lab's throughput (issue 19).
 */
const unflushed = new Set<() => void>();
let exitHooked = false;

export function jsonLineLogger(write: (line: string) => void = (l) => process.stdout.write(l)): LabLogger {
  let pending: string[] = [];
  const flush = (): void => {
    unflushed.delete(flush);
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
      setImmediate(flush);
    }
    pending.push(`${JSON.stringify({ ts: new Date().toISOString(), ...event })}\n`);
  };
}

export const silentLogger: LabLogger = () => {};
