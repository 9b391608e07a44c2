import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, csvSeconds, csvTime } from './csv';

describe('CSV cells a spreadsheet opens as they were', () => {
  it('leaves plain text and numbers alone', () => {
    expect(csvCell('Dana Customer')).toBe('Dana Customer');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('😀 café')).toBe('😀 café');
  });

  it('quotes commas, quotes and line breaks (RFC 4180), doubling quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('she said "no"')).toBe('"she said ""no"""');
    expect(csvCell('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvCell('cr\r')).toBe('"cr\r"');
  });

  it('turns formula starters into text with a leading apostrophe', () => {
    for (const start of ['=', '+', '-', '@', '\t']) expect(csvCell(`${start}SUM(A1)`)).toBe(`'${start}SUM(A1)`);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+31205550123')).toBe("'+31205550123");
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('ends rows with CRLF, writes UTC times and seconds', () => {
    expect(csvRow(['a', 1, undefined, 'b,c'])).toBe('a,1,,"b,c"\r\n');
    expect(csvTime(Date.UTC(2024, 4, 1, 9, 30, 5))).toBe('2024-05-01 09:30:05');
    expect(csvTime(undefined)).toBe('');
    expect(csvSeconds(12_345)).toBe(12.3);
  });
});
