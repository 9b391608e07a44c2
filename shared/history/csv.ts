/**
 * CSV that spreadsheet programs open as the agent expects: RFC 4180 (CRLF rows, fields with a
 * comma, quote or line break quoted, quotes doubled), UTF-8 with a byte-order mark so Excel does
 * not read it as the local code page, and no formulas: a cell starting with = + - @ (or the tab
 * and CR that also start one) gets a leading apostrophe (OWASP's CSV injection advice), so a caller
 * named "=HYPERLINK(…)" is shown, not evaluated.
 */
export const CSV_BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvCell = string | number | undefined | null;

export function csvCell(value: CsvCell): string {
  if (value === undefined || value === null) return '';
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** `2024-05-01 09:30:05`: a date-time every spreadsheet parses, in UTC (the header says so). */
export function csvTime(epochMs: number | undefined): string {
  return epochMs === undefined ? '' : new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ');
}

/** Seconds with one decimal: what a spreadsheet sums and averages. */
export function csvSeconds(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : Math.round(ms / 100) / 10;
}
