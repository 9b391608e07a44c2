import { useEffect, useState } from 'react';
import type { HistoryFilter, HistoryItem } from '../../../../shared/history';
import type { HostApi } from '../../host';
import { HistoryList, NO_FILTER, type HistoryFilterValues, type HistoryLoad } from './HistoryList';

export interface HistoryScreenProps {
  readonly host: HostApi;
  readonly dispositions: readonly string[];
}

const PAGE = 50;
/** Typing in the search box waits for a pause before asking the host. */
const SEARCH_PAUSE_MS = 250;

export function toHistoryFilter(values: HistoryFilterValues): HistoryFilter {
  const query = values.query.trim();
  return {
    ...(values.direction ? { direction: values.direction } : {}),
    ...(values.disposition ? { disposition: values.disposition } : {}),
    ...(values.escalated ? { escalated: values.escalated === 'yes' } : {}),
    ...(query ? { query } : {}),
  };
}

/** Container: the history list with its filters, paging and the CSV download. */
export function HistoryScreen({ host, dispositions }: HistoryScreenProps) {
  const [filter, setFilter] = useState<HistoryFilterValues>(NO_FILTER);
  const [load, setLoad] = useState<HistoryLoad>({ kind: 'loading' });
  const [cursor, setCursor] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    const timer = setTimeout(
      () => {
        void host.listHistory({ ...toHistoryFilter(filter), limit: PAGE }).then((page) => {
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
    if (load.kind !== 'ready' || cursor === null) return;
    const page = await host.listHistory({ ...toHistoryFilter(filter), limit: PAGE, before: cursor });
    if (!page.ok) return setLoad({ kind: 'failed', message: page.error.message });
    const items: readonly HistoryItem[] = [...load.items, ...page.value.items];
    setCursor(page.value.nextCursor);
    setLoad({ kind: 'ready', items, more: page.value.nextCursor !== null });
  };

  const exportCsv = async () => {
    setExporting(true);
    setExportError(undefined);
    const csv = await host.exportHistoryCsv(toHistoryFilter(filter));
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
    <HistoryList
      filter={filter}
      dispositions={dispositions}
      load={load}
      exporting={exporting}
      {...(exportError ? { exportError } : {})}
      onFilter={setFilter}
      onMore={() => void more()}
      onExport={() => void exportCsv()}
    />
  );
}
