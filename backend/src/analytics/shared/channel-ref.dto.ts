/** The channel an answer describes: every analytics response names it, so a client never guesses. */
import { ApiProperty } from '@nestjs/swagger';

export class ChannelRefDto {
  @ApiProperty({ description: 'Twitch broadcaster id', example: '141981764' })
  id!: string;

  @ApiProperty({ example: 'twitchdev' })
  login!: string;

  @ApiProperty({ example: 'TwitchDev' })
  displayName!: string;

  @ApiProperty({ type: String, nullable: true })
  profileImageUrl!: string | null;
}
