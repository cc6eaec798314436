import { Injectable } from '@nestjs/common';

/**
 * Why this process's demo-history recording stopped before every day was recorded, if it did.
 * The seeder runs in the server process of the embedded default (start-system.ts records its
 * failure here); without it the banner would read "Recording … day N" for ever. A restart records
 * the remaining days, so the failure is this process's, not the database's.
 */
@Injectable()
export class DemoHistoryFailure {
  private why: string | null = null;

  record(error: unknown): void {
    this.why = error instanceof Error ? error.message : String(error);
  }

  get reason(): string | null {
    return this.why;
  }
}
