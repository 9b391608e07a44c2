/** One JSON object per line, so `jq` and log shippers read the lab's output without a parser of ours. */
export type LabLogger = (event: Readonly<Record<string, unknown>>) => void;

export function jsonLineLogger(write: (line: string) => void = (l) => process.stdout.write(l)): LabLogger {
  return (event) => write(`${JSON.stringify({ ts: new Date().toISOString(), ...event })}\n`);
}

export const silentLogger: LabLogger = () => {};
