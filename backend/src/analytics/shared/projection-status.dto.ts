/** One projection build as health and system statistics show it. */
import { ApiProperty } from '@nestjs/swagger';

export class FollowingProcessDto {
  @ApiProperty({
    enum: ['server', 'projector', 'cli'],
    description: 'server: npm start; projector: a process started with --role projector; cli: a rebuild',
  })
  kind!: 'server' | 'projector' | 'cli';

  @ApiProperty()
  host!: string;

  @ApiProperty({ type: 'integer', description: 'The process id on its host (with host, names the process)' })
  pid!: number;
}

export class ProjectionStatusDto {
  @ApiProperty()
  name!: string;

  @ApiProperty({
    type: 'integer',
    description:
      'Identifies this build: a rebuild makes a second build of the same name and version beside the one readers use',
  })
  buildId!: number;

  @ApiProperty({ description: "The projection's version (a new version is rebuilt from the log before it serves)" })
  version!: number;

  @ApiProperty({
    enum: ['building', 'live', 'failed', 'not followed'],
    description: 'not followed: building or live, but no running process follows it (see lastFollowedAt)',
  })
  state!: string;

  @ApiProperty({ description: 'True for the build readers use' })
  active!: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Fingerprint of the code that computes the build; null for builds made before it was recorded',
  })
  codeFingerprint!: string | null;

  @ApiProperty({ type: [FollowingProcessDto], description: 'The running processes that follow this build' })
  followedBy!: FollowingProcessDto[];

  @ApiProperty({ type: String, nullable: true, description: 'ISO time a process last followed this build' })
  lastFollowedAt!: string | null;

  @ApiProperty({
    type: [String],
    description:
      'Running processes that refuse to replace or follow this build (a newer version, or other code), and why',
  })
  conflicts!: string[];

  @ApiProperty({ type: String, nullable: true, description: 'Checkpoint: log position of the last event processed' })
  position!: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Events of handled types after the checkpoint; null when the log is not in PostgreSQL',
  })
  lagEvents!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Seconds between the newest event in the log and the last one this projection applied; null when unknown',
  })
  lagSeconds!: number | null;

  @ApiProperty({ type: String, nullable: true })
  error!: string | null;
}
