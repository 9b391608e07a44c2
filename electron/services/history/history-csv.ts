import { missingCaseError } from '../../../shared/result';
import { CSV_BOM, csvRow, csvSeconds, csvTime, type HistoryEscalation, type HistoryItem } from '../../../shared/history';

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
  'Escalation target',
  'Escalation reason',
  'Escalation outcome',
  'Outcome reason',
  'Callback (UTC)',
  'Callback number',
];

/** Where an escalation went, as a person reads it: "senior queue", "Sam Senior (2001)", "+3120…". */
function targetText({ target }: HistoryEscalation): string {
  switch (target.kind) {
    case 'queue':
      return `${target.value} queue`;
    case 'agent':
      return target.name ? `${target.name} (${target.value})` : target.value;
    case 'external':
      return target.value;
    default:
      throw missingCaseError(target.kind);
  }
}

/** A decline's or failure's reason, with the SIP status when there was one: "busy (SIP 486)". */
function outcomeReasonText(e: HistoryEscalation): string | undefined {
  const status = e.sipStatus !== undefined ? `SIP ${e.sipStatus}` : undefined;
  if (e.outcomeReason && status) return `${e.outcomeReason} (${status})`;
  return e.outcomeReason ?? status;
}

/**
 * The history as a spreadsheet opens it: BOM, header row, one row a call (see shared/history/csv.ts).
 * The escalation and the callback are spelled out in their own columns, not left as an id to look up.
 */
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
        item.escalation?.direction,
        item.escalation && targetText(item.escalation),
        item.escalation?.reason,
        item.escalation?.outcome,
        item.escalation && outcomeReasonText(item.escalation),
        csvTime(item.callback?.at),
        item.callback?.number,
      ]),
    );
  }
  return parts.join('');
}
