/** GET /api/analytics/demo-history: how far the embedded default's first start has recorded its demo history. */
import { ApiProperty } from '@nestjs/swagger';

export class DemoHistoryResponse {
  @ApiProperty({
    description:
      'true while the demo history is still being recorded (embedded default without Twitch credentials); false once every day is recorded, or when there is no demo',
  })
  recording!: boolean;

  @ApiProperty({
    type: 'integer',
    description:
      'The day being recorded (1-based) while recording; the number of days recorded otherwise (also after a failure). Counts the demo collection jobs that have ended. Unit: days',
  })
  day!: number;

  @ApiProperty({
    type: 'integer',
    description: 'Days of demo history a first start records (DEMO_HISTORY_DAYS); 0 when there is no demo. Unit: days',
  })
  days!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Why the recording stopped before every day was recorded (then `recording` is false and `day` counts the days recorded); restarting the server records the remaining days. null while recording, once done, or without a demo',
  })
  failed!: string | null;
}
