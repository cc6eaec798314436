import { dto } from '../../dto.js';
import { DemoHistoryResponse } from './get-demo-history.response.js';

/**
 * The banner's figures from the demo days whose collection job has ended. A later start records
 * the days since, so more days may have ended than a first start records: then it is done. A
 * recording that stopped with days missing (`failure`) is not recording any more, and says why.
 */
export function demoHistoryProgress(
  daysEnded: number,
  days: number,
  failure: string | null = null,
): DemoHistoryResponse {
  if (days <= 0) return dto(DemoHistoryResponse, { recording: false, day: 0, days: 0, failed: null });
  if (daysEnded >= days) return dto(DemoHistoryResponse, { recording: false, day: days, days, failed: null });
  if (failure !== null) return dto(DemoHistoryResponse, { recording: false, day: daysEnded, days, failed: failure });
  return dto(DemoHistoryResponse, { recording: true, day: daysEnded + 1, days, failed: null });
}
