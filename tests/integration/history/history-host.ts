import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createHostServices, DATABASE_FILE, type HostServices } from '../../../electron/services/host-api/host-services';
import type { CallRecordInput, EscalationRecordInput } from '../../../shared/history';
import type { Result } from '../../../shared/result';
import { makeTempDir } from '../../support/temp-dir';

export const T = Date.UTC(2024, 4, 6, 9, 0, 0);
export const MINUTE = 60_000;

/** A host on a real data file in a fresh folder, with a clock the test moves. */
export function historyHost() {
  const dir = makeTempDir();
  let clock = T;
  let services: HostServices | undefined;
  const open = (): HostServices =>
    (services = createHostServices({
      dataDir: dir.path,
      host: 'browser',
      version: '0.0.0-test',
      now: () => clock,
      log: { warn() {}, error() {} },
    }));
  open();
  const current = () => {
    if (!services) throw new Error('host closed');
    return services;
  };
  return {
    get services() {
      return current();
    },
    setClock: (at: number) => (clock = at),
    /** A HostApi call through the dispatcher, as either transport makes it. */
    call: (method: string, ...args: unknown[]): Promise<Result<unknown>> => current().dispatch(method, args),
    /** The value of a call that must succeed. */
    async ok<T = unknown>(method: string, ...args: unknown[]): Promise<T> {
      const result = await current().dispatch(method, args);
      if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
      return result.value as T;
    },
    /** Close and reopen the file: what a restart does. */
    restart() {
      current().close();
      services = undefined;
      open();
    },
    /** A separate read-only connection: what is on disk, not what the service says. */
    count(table: string): number {
      const db = new Database(join(dir.path, DATABASE_FILE), { readonly: true });
      try {
        return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      } finally {
        db.close();
      }
    },
    close() {
      services?.close();
      services = undefined;
      dir.remove();
    },
  };
}
export type HistoryHost = ReturnType<typeof historyHost>;

let nextId = 1;
/** An answered inbound call of `talkMinutes`, ending `endedAt`. */
export function callRecord(overrides: Partial<CallRecordInput> & { endedAt?: number } = {}): CallRecordInput {
  const endedAt = overrides.endedAt ?? T;
  return {
    callId: `call-${nextId++}`,
    direction: 'inbound',
    remoteNumber: 'sip:+31205550123@pbx.example',
    remoteName: 'Dana Customer',
    queue: 'support',
    startedAt: endedAt - 6 * MINUTE,
    answeredAt: endedAt - 5 * MINUTE,
    endedAt,
    endReason: 'remote-hangup',
    ...overrides,
  };
}

export function escalationRecord(callId: string, overrides: Partial<EscalationRecordInput> = {}): EscalationRecordInput {
  return {
    id: (nextId++).toString(16).padStart(32, '0'),
    callId,
    direction: 'sent',
    target: { kind: 'queue', queue: 'senior' },
    reason: 'wants-higher-authority',
    severity: 2,
    mood: 'frustrated',
    summary: 'Refund above the agent limit',
    tried: 'Offered a voucher',
    promised: 'A call back today',
    escalatedAt: T - 3 * MINUTE,
    holdMs: 45_000,
    consultMs: 40_000,
    outcome: { kind: 'transferred' },
    ...overrides,
  };
}
