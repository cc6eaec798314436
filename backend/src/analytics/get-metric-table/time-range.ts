/**
 * `from` and `to` of GET /api/analytics/metrics/…, as conditions on the table's day or time column.
 * Both are inclusive. A date column takes days (YYYY-MM-DD); a timestamptz column takes days (a
 * day runs from its UTC midnight to the next) or ISO 8601 times.
 */
import { BadRequestException } from '@nestjs/common';
import type { MetricColumn } from './metric-table-shape.js';

export interface TimeBound {
  column: string;
  operator: '>=' | '<=' | '<';
  value: string;
  cast: 'date' | 'timestamptz';
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function timeRange(column: MetricColumn, from?: string, to?: string): TimeBound[] {
  const bounds: TimeBound[] = [];
  const lower = from === undefined ? undefined : parse('from', from, column);
  const upper = to === undefined ? undefined : parse('to', to, column);
  if (lower && upper && lower.at > upper.at)
    throw new BadRequestException(`from (${lower.text}) is after to (${upper.text})`);
  if (column.type === 'date') {
    if (lower) bounds.push({ column: column.name, operator: '>=', value: lower.text, cast: 'date' });
    if (upper) bounds.push({ column: column.name, operator: '<=', value: upper.text, cast: 'date' });
    return bounds;
  }
  if (lower) bounds.push({ column: column.name, operator: '>=', value: lower.at.toISOString(), cast: 'timestamptz' });
  if (upper) {
    // A day as `to` includes the whole day: up to the next UTC midnight.
    const end = upper.day ? new Date(upper.at.getTime() + 86_400_000) : upper.at;
    bounds.push({
      column: column.name,
      operator: upper.day ? '<' : '<=',
      value: end.toISOString(),
      cast: 'timestamptz',
    });
  }
  return bounds;
}

function parse(name: string, text: string, column: MetricColumn): { text: string; at: Date; day: boolean } {
  const day = DAY.test(text);
  const at = new Date(day ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(at.getTime()) || (day && at.toISOString().slice(0, 10) !== text))
    throw new BadRequestException(`${name} is not a valid date or time: ${text}`);
  if (column.type === 'date' && !day)
    throw new BadRequestException(`${name} must be a day (YYYY-MM-DD): the table's ${column.name} column is a date`);
  return { text, at, day };
}
