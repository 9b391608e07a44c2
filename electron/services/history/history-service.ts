import { normaliseRemoteNumber } from '../../../shared/history/remote-number';
import {
  customerKeyForNumber,
  decodeHistoryCursor,
  HISTORY_LIMITS,
  callDurations,
  toFtsQuery,
  type AgentStats,
  type CallRecord,
  type EscalationRecord,
  type HistoryFilter,
  type HistoryItem,
  type HistoryPage,
  type ListHistory,
} from '../../../shared/history';
import { HostServiceError } from '../../../shared/host-api';
import { historyCsv } from './history-csv';
import type { HistoryQuery, HistoryReader } from './history-reader';
import type { HistoryWriter } from './history-writer';

export interface HistoryServiceDeps {
  readonly reader: HistoryReader;
  readonly writer: HistoryWriter;
  readonly now: () => number;
  /** The agent's default country (settings), for numbers that arrive without a country prefix. */
  readonly defaultCountry?: () => string;
}

const notFound = (message: string) => new HostServiceError({ code: 'not-found', message });

/** Calls and escalations in, history out; arguments arrive already validated by the HostApi dispatcher. */
export function createHistoryService({ reader, writer, now, defaultCountry }: HistoryServiceDeps) {
  function toQuery(filter: HistoryFilter, limit: number, before?: string): HistoryQuery {
    const { query, ...rest } = filter;
    const ftsQuery = query === undefined ? undefined : toFtsQuery(query, reader.prefixTerms);
    const cursor = before === undefined ? undefined : decodeHistoryCursor(before);
    if (before !== undefined && !cursor) {
      throw new HostServiceError({
        code: 'invalid-input',
        message: 'before: not a cursor from a previous page',
        issues: [{ path: 'before', message: 'cursor' }],
      });
    }
    return { ...rest, limit, ...(ftsQuery ? { ftsQuery } : {}), ...(cursor ? { cursor } : {}) };
  }

  return {
    recordCall(record: CallRecord): HistoryItem {
      const remoteNumber = normaliseRemoteNumber(record.remoteNumber, defaultCountry?.());
      writer.recordCall(
        { record, remoteNumber, customerKey: customerKeyForNumber(remoteNumber), durations: callDurations(record) },
        now(),
      );
      const item = reader.get(record.callId);
      if (!item) throw new Error(`recordCall: ${record.callId} not found after writing it`);
      return item;
    },

    item(callId: string): HistoryItem {
      const item = reader.get(callId);
      if (!item) throw notFound('No such call in the history.');
      return item;
    },

    recordEscalation(record: EscalationRecord): null {
      if (!writer.recordEscalation(record, now())) throw notFound('Record the call before its escalation.');
      return null;
    },

    list(args: ListHistory): HistoryPage {
      const { limit, before, ...filter } = args;
      const query = toQuery(filter, limit + 1, before);
      // One row more than asked tells whether there is a next page; the cursor is the last row shown.
      const { items, cursors } = reader.list(query);
      return { items: items.slice(0, limit), nextCursor: items.length > limit ? (cursors[limit - 1] ?? null) : null };
    },

    /** At most HISTORY_LIMITS.exportRows calls, newest first: narrow the filter for more. */
    exportCsv(filter: HistoryFilter): string {
      const query = toQuery(filter, HISTORY_LIMITS.exportRows);
      return historyCsv(reader.iterate(query));
    },

    /** False when there is no such call. */
    deleteCall(callId: string): boolean {
      return writer.deleteCall(callId);
    },

    stats(from: number, to: number): AgentStats {
      return { from, to, ...reader.stats(from, to) };
    },
  };
}

export type HistoryService = ReturnType<typeof createHistoryService>;
