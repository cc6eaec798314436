import { dto } from '../../dto.js';
import { DemoHistoryResponse } from './get-demo-history.response.js';

/**
 * The banner's figures from the demo days whose collection job has ended. A later start records
 * the days since, so more days may have ended than a first start records: then it is done.
 */
export function demoHistoryProgress(daysEnded: number, days: number): DemoHistoryResponse {
  if (days <= 0) return dto(DemoHistoryResponse, { recording: false, day: 0, days: 0 });
  if (daysEnded >= days) return dto(DemoHistoryResponse, { recording: false, day: days, days });
  return dto(DemoHistoryResponse, { recording: true, day: daysEnded + 1, days });
}
