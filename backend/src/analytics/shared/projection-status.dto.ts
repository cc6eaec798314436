/** One projection build as health and system statistics show it. */
import { ApiProperty } from '@nestjs/swagger';

export class ProjectionStatusDto {
  @ApiProperty()
  name!: string;

  @ApiProperty()
  version!: number;

  @ApiProperty({ enum: ['building', 'live', 'failed'] })
  state!: string;

  @ApiProperty({ description: 'True for the build readers use' })
  active!: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'Checkpoint: log position of the last event processed' })
  position!: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Events of handled types after the checkpoint; null when the log is not in PostgreSQL',
  })
  lagEvents!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  lagSeconds!: number | null;

  @ApiProperty({ type: String, nullable: true })
  error!: string | null;
}
