/**
 * CSV per RFC 4180: comma-separated, CRLF line ends, a field quoted (inner quotes doubled) when it
 * holds a comma, quote, CR or LF. A stopgap until a maintained library (csv-stringify) is added.
 * Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR; stream titles
 * are anyone's text) is prefixed with an apostrophe, as OWASP advises; numbers are left alone.
 */
export type CsvValue = string | number | boolean | null | undefined | readonly string[];

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = typeof value === 'string' ? value : value.join(' | ');
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, CsvValue>>): string {
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvField(row[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
