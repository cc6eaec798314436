import { Query } from '@nestjs/cqrs';
import type { ExportDataset as Dataset, ExportFormat } from '../analytics-query.dto.js';
import type { DayRange } from '../shared/day-range.js';

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
    /** daily and streams: `days` ending today, or a custom `from`–`to`; 365 days when neither is given. */
    readonly range: DayRange,
    readonly channelId?: string,
  ) {
    super();
  }
}
