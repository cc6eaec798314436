/** The benchmark generator's simulated world: what its channels, streams, videos and clips are. */
export interface Game {
  id: string;
  name: string;
}
export interface Stream {
  id: string;
  startedAt: string;
  game: Game;
  title: string;
}
export interface Video {
  id: string;
  streamId: string | null;
  type: string;
  title: string;
  createdAt: string;
  duration: string;
  views: number;
  day: number;
}
export interface Clip {
  id: string;
  videoId: string;
  gameId: string;
  title: string;
  createdAt: string;
  duration: number;
  views: number;
  day: number;
}

export interface Channel {
  id: string;
  login: string;
  displayName: string;
  followers: number;
  growth: number;
  viewers: number;
  subscribers: number;
  broadcasterType: string;
  createdAt: string;
  description: string;
  game: Game;
  profileOffset: number;
  streamRate: number;
  usualStartHour: number;
  linkDay: number;
  unlinkDay: number;
  timeZoneDay: number;
  userId: string;
  videos: Video[];
  clips: Clip[];
  streamCount: number;
}
