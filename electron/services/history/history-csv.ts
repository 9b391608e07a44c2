import { CSV_BOM, csvRow, csvSeconds, csvTime, type HistoryItem } from '../../../shared/history';

const HEADER = [
  'Call ID',
  'Direction',
  'Number',
  'Name',
  'Queue',
  'Started (UTC)',
  'Answered (UTC)',
  'Ended (UTC)',
  'Result',
  'SIP status',
  'Talk (s)',
  'Hold (s)',
  'Consult (s)',
  'ACW (s)',
  'Disposition',
  'Notes',
  'Mean MOS',
  'Escalation',
];

/** The history as a spreadsheet opens it: BOM, header row, one row a call (see shared/history/csv.ts). */
export function historyCsv(items: Iterable<HistoryItem>): string {
  const parts = [CSV_BOM, csvRow(HEADER)];
  for (const item of items) {
    parts.push(
      csvRow([
        item.callId,
        item.direction,
        item.remoteNumber,
        item.remoteName,
        item.queue,
        csvTime(item.startedAt),
        csvTime(item.answeredAt),
        csvTime(item.endedAt),
        item.endReason,
        item.endStatus,
        csvSeconds(item.talkMs),
        csvSeconds(item.holdMs),
        csvSeconds(item.consultMs),
        csvSeconds(item.acwMs),
        item.disposition,
        item.notes,
        item.meanMos === undefined ? undefined : Math.round(item.meanMos * 100) / 100,
        item.escalationId,
      ]),
    );
  }
  return parts.join('');
}
