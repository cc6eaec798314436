/**
 * CSV per RFC 4180 through csv-stringify: CRLF record ends, fields quoted when they hold a comma,
 * quote, CR or LF (csv-stringify alone quotes only the full CRLF pair, so a lone LF in a stream
 * title would split the record in strict readers). Text that a spreadsheet would run as a formula
 * (starting with = + - @, tab or CR; stream titles are anyone's text) is prefixed with an
 * apostrophe, as OWASP advises; numbers are left alone. Lists are joined with " | ".
 */
import { stringify } from 'csv-stringify/sync';

export type CsvValue = string | number | boolean | null | undefined | readonly string[];

const FORMULA_START = /^[=+\-@\t\r]/;
const LINE_BREAK = /[\r\n]/;

function csvText(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = typeof value === 'string' ? value : value.join(' | ');
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const options = { record_delimiter: 'windows', quoted_match: LINE_BREAK } as const;

export function csvField(value: CsvValue): string {
  return stringify([[csvText(value)]], options).slice(0, -2);
}

export function toCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, CsvValue>>): string {
  const records = [columns.map(csvText), ...rows.map((row) => columns.map((column) => csvText(row[column])))];
  return stringify(records, options);
}
