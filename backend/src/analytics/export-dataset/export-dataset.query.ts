import { Query } from '@nestjs/cqrs';
import type { ExportDataset as Dataset, ExportFormat } from '../analytics-query.dto.js';

/** A file to download: its name, media type and content. */
export interface ExportFile {
  filename: string;
  contentType: string;
  body: string;
}

export class ExportDataset extends Query<ExportFile> {
  constructor(
    readonly userId: string,
    readonly dataset: Dataset,
    readonly format: ExportFormat,
    readonly days: number,
    readonly channelId?: string,
  ) {
    super();
  }
}
