/**
 * `projections list` and `projections status`: the data (exported for tests and `--json`) and its
 * plain-text rendering. Plain columns, no colours: the output is read in terminals and in CI logs.
 */
import type { Projection } from '@creatorsync/projections';
import type pg from 'pg';
import { projectionStatuses, type ProjectionStatus } from '../projector/projection-status.js';

export interface ProjectionInfo {
  name: string;
  version: number;
  handles: string[];
  tables: string[];
}

export interface ProjectionStatusReport {
  name: string;
  /** The version in the code; null for builds of a projection the code no longer has. */
  codeVersion: number | null;
  /** Builds readers use or will use (active, building, failed); empty before the first start. */
  builds: ProjectionStatus[];
}

export function listProjections(projections: readonly Projection[]): ProjectionInfo[] {
  return projections.map((p) => ({
    name: p.name,
    version: p.version,
    handles: [...p.handles],
    tables: p.tables.map((t) => t.name),
  }));
}

export function formatProjectionList(infos: readonly ProjectionInfo[]): string {
  return infos
    .map(
      (p) =>
        `${p.name} (version ${p.version})\n  handles: ${p.handles.join(', ')}\n  tables:  ${p.tables.join(', ')}\n`,
    )
    .join('\n');
}

export async function projectionsStatus(
  pool: pg.Pool,
  projections: readonly Projection[],
  options: { logInPostgres: boolean },
): Promise<ProjectionStatusReport[]> {
  const statuses = await projectionStatuses(pool, projections, options);
  const reports: ProjectionStatusReport[] = projections.map((p) => ({
    name: p.name,
    codeVersion: p.version,
    builds: [],
  }));
  for (const status of statuses) {
    let report = reports.find((r) => r.name === status.name);
    if (!report) reports.push((report = { name: status.name, codeVersion: null, builds: [] }));
    report.builds.push(status);
  }
  return reports;
}

const headers = [
  'PROJECTION',
  'BUILD',
  'VERSION',
  'STATE',
  'ACTIVE',
  'POSITION',
  'LAG EVENTS',
  'LAG SECONDS',
  'PROCESSED',
];

export function formatStatusTable(reports: readonly ProjectionStatusReport[]): string {
  const rows: string[][] = [];
  const notes = new Map<number, string>(); // row index → the failure, printed under its row
  for (const report of reports) {
    if (report.builds.length === 0) {
      rows.push([report.name, '-', String(report.codeVersion ?? '-'), 'not built yet', '', '', '', '', '']);
      continue;
    }
    for (const build of report.builds) {
      const version =
        report.codeVersion !== null && report.codeVersion !== build.version
          ? `${build.version} (code: ${report.codeVersion})`
          : String(build.version);
      rows.push([
        report.name,
        String(build.buildId),
        version,
        build.state,
        build.active ? 'yes' : 'no',
        build.position ?? 'start',
        build.lagEvents === null ? 'n/a' : formatCount(build.lagEvents),
        build.lagSeconds === null ? 'n/a' : formatSeconds(build.lagSeconds),
        formatCount(build.eventsProcessed),
      ]);
      if (build.state === 'failed') {
        notes.set(
          rows.length - 1,
          `  ↳ failed at event ${build.failedEventId} (position ${build.failedPosition}): ${build.error}`,
        );
      }
    }
  }
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [line(headers)];
  rows.forEach((row, i) => {
    out.push(line(row));
    const note = notes.get(i);
    if (note) out.push(note);
  });
  return `${out.join('\n')}\n`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatSeconds(seconds: number): string {
  return seconds < 10 ? String(Math.round(seconds * 10) / 10) : formatCount(Math.round(seconds));
}
