/**
 * `projections list` and `projections status`: the data (exported for tests and `--json`) and its
 * plain-text rendering. Plain columns, no colours: the output is read in terminals and in CI logs.
 */
import type { Projection } from '@creatorsync/projections';
import type pg from 'pg';
import { codeFingerprint } from '../projector/code-fingerprint.js';
import { projectionStatuses, type ProjectionStatus } from '../projector/projection-status.js';
import { must } from '../must.js';
import { formatCount } from './cli-format.js';

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
  /** The fingerprint of this code's projection; null when the code no longer has it. */
  codeFingerprint: string | null;
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
    codeFingerprint: codeFingerprint(p),
    builds: [],
  }));
  for (const status of statuses) {
    let report = reports.find((r) => r.name === status.name);
    if (!report) reports.push((report = { name: status.name, codeVersion: null, codeFingerprint: null, builds: [] }));
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
  const notes = new Map<number, string[]>(); // row index → the failure, conflicts, …, printed under its row
  for (const report of reports) {
    if (report.builds.length === 0) {
      rows.push([report.name, '-', String(report.codeVersion ?? '-'), 'not built yet', '', '', '', '', '']);
      continue;
    }
    for (const build of report.builds) {
      const otherCode =
        report.codeFingerprint !== null &&
        build.codeFingerprint !== null &&
        report.codeVersion === build.version &&
        report.codeFingerprint !== build.codeFingerprint;
      const version =
        report.codeVersion !== null && report.codeVersion !== build.version
          ? `${build.version} (code: ${report.codeVersion})`
          : otherCode
            ? `${build.version} (other code)`
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
      const buildNotes: string[] = [];
      if (build.state === 'failed')
        buildNotes.push(
          build.failedEventId === null
            ? `  ↳ failed: ${build.error}`
            : `  ↳ failed at event ${build.failedEventId} (position ${build.failedPosition}): ${build.error}`,
        );
      if (build.state === 'not followed')
        buildNotes.push(
          `  ↳ no running process follows it${build.lastFollowedAt ? ` (last followed ${build.lastFollowedAt})` : ''}`,
        );
      if (otherCode)
        buildNotes.push(
          `  ↳ computed by other code (fingerprint ${build.codeFingerprint}; this code's is ${report.codeFingerprint})`,
        );
      for (const conflict of build.conflicts) buildNotes.push(`  ↳ conflict: ${conflict}`);
      if (buildNotes.length > 0) notes.set(rows.length - 1, buildNotes);
    }
  }
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => must(r[i], 'r[i]').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(must(widths[i], 'widths[i]')))
      .join('  ')
      .trimEnd();
  const out = [line(headers)];
  rows.forEach((row, i) => {
    out.push(line(row));
    out.push(...(notes.get(i) ?? []));
  });
  return `${out.join('\n')}\n`;
}

export function formatSeconds(seconds: number): string {
  return seconds < 10 ? String(Math.round(seconds * 10) / 10) : formatCount(Math.round(seconds));
}
