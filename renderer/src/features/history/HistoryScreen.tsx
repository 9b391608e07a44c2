import { useEffect, useState } from 'react';
import { localDayRange, type HistoryFilter, type HistoryItem } from '../../../../shared/history';
import type { HostApi } from '../../host';
import { FiguresPanel } from './FiguresPanel';
import { RecordingPlayer } from './RecordingPlayer';
import { HistoryList, NO_FILTER, type HistoryFilterError, type HistoryFilterValues, type HistoryLoad } from './HistoryList';

export interface HistoryScreenProps {
  readonly host: HostApi;
  readonly dispositions: readonly string[];
}

const PAGE = 50;
/** Typing in the search box waits for a pause before asking the host. */
const SEARCH_PAUSE_MS = 250;

export type FilterRequest =
  { readonly ok: true; readonly filter: HistoryFilter } | { readonly ok: false; readonly error: HistoryFilterError };

/** The form as the host's filter, or why it cannot be asked (a day that is not one, a range backwards). */
export function toHistoryFilter(values: HistoryFilterValues): FilterRequest {
  const query = values.query.trim();
  const days = localDayRange(values.fromDate, values.toDate);
  if (!days.ok) return days;
  const filter: HistoryFilter = {
    ...(days.from !== undefined ? { from: days.from } : {}),
    ...(days.to !== undefined ? { to: days.to } : {}),
    ...(values.direction ? { direction: values.direction } : {}),
    ...(values.disposition ? { disposition: values.disposition } : {}),
    ...(values.escalated ? { escalated: values.escalated === 'yes' } : {}),
    ...(query ? { query } : {}),
  };
  return { ok: true, filter };
}

/** Container: the history list with its filters, paging and the CSV download. */
export function HistoryScreen({ host, dispositions }: HistoryScreenProps) {
  const [filter, setFilter] = useState<HistoryFilterValues>(NO_FILTER);
  const [load, setLoad] = useState<HistoryLoad>({ kind: 'loading' });
  const [cursor, setCursor] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | undefined>();
  const [deleteError, setDeleteError] = useState<string | undefined>();

  const request = toHistoryFilter(filter);
  const filterError = request.ok ? undefined : request.error;

  useEffect(() => {
    const asked = toHistoryFilter(filter);
    if (!asked.ok) return;
    let live = true;
    const timer = setTimeout(
      () => {
        void host.listHistory({ ...asked.filter, limit: PAGE }).then((page) => {
          if (!live) return;
          if (!page.ok) return setLoad({ kind: 'failed', message: page.error.message });
          setCursor(page.value.nextCursor);
          setLoad({ kind: 'ready', items: page.value.items, more: page.value.nextCursor !== null });
        });
      },
      filter.query ? SEARCH_PAUSE_MS : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [host, filter]);

  const more = async () => {
    if (load.kind !== 'ready' || cursor === null || !request.ok) return;
    const page = await host.listHistory({ ...request.filter, limit: PAGE, before: cursor });
    if (!page.ok) return setLoad({ kind: 'failed', message: page.error.message });
    const items: readonly HistoryItem[] = [...load.items, ...page.value.items];
    setCursor(page.value.nextCursor);
    setLoad({ kind: 'ready', items, more: page.value.nextCursor !== null });
  };

  const deleteCall = async (callId: string) => {
    const deleted = await host.deleteCall({ callId });
    setDeleteError(deleted.ok ? undefined : deleted.error.message);
    if (!deleted.ok) return;
    setLoad((current) =>
      current.kind === 'ready' ? { ...current, items: current.items.filter((item) => item.callId !== callId) } : current,
    );
  };

  const exportCsv = async () => {
    if (!request.ok) return;
    setExporting(true);
    setExportError(undefined);
    const csv = await host.exportHistoryCsv(request.filter);
    setExporting(false);
    if (!csv.ok) return setExportError(csv.error.message);
    // The host's CSV starts with a BOM already, so spreadsheet programs read it as UTF-8.
    const url = URL.createObjectURL(new Blob([csv.value], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `warmline-history-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <>
      <FiguresPanel host={host} />
      <HistoryList
        filter={filter}
        dispositions={dispositions}
        load={load}
        exporting={exporting}
        {...(exportError ? { exportError } : {})}
        {...(filterError ? { filterError } : {})}
        {...(deleteError ? { deleteError } : {})}
        onFilter={setFilter}
        onMore={() => void more()}
        onExport={() => void exportCsv()}
        recordingPlayer={(item) =>
          item.recording ? <RecordingPlayer host={host} callId={item.callId} recording={item.recording} /> : null
        }
        onDelete={(callId) => void deleteCall(callId)}
      />
    </>
  );
}
