/**
 * Static material for the simulated world: categories, name parts, and the demo channels the
 * embedded default shows. Ids look like Twitch's but are the simulator's own.
 */
export interface SimGame {
  id: string;
  name: string;
  igdbId: string;
}

export const SIM_GAMES: readonly SimGame[] = [
  { id: '509658', name: 'Just Chatting', igdbId: '' },
  { id: '33214', name: 'Fortnite', igdbId: '1905' },
  { id: '21779', name: 'League of Legends', igdbId: '115' },
  { id: '27471', name: 'Minecraft', igdbId: '121' },
  { id: '32982', name: 'Grand Theft Auto V', igdbId: '1020' },
  { id: '516575', name: 'VALORANT', igdbId: '126459' },
  { id: '32399', name: 'Counter-Strike', igdbId: '241' },
  { id: '511224', name: 'Apex Legends', igdbId: '114795' },
  { id: '18122', name: 'World of Warcraft', igdbId: '123' },
  { id: '29595', name: 'Dota 2', igdbId: '2963' },
  { id: '512953', name: 'Elden Ring', igdbId: '119133' },
  { id: '490744', name: 'Stardew Valley', igdbId: '17000' },
  { id: '1678052513', name: "Baldur's Gate 3", igdbId: '119171' },
  { id: '26936', name: 'Music', igdbId: '' },
  { id: '509660', name: 'Art', igdbId: '' },
  { id: '509670', name: 'Science & Technology', igdbId: '' },
  { id: '1469308723', name: 'Software and Game Development', igdbId: '' },
  { id: '27546', name: 'Chess', igdbId: '' },
];

export const NAME_PREFIXES = [
  'pixel',
  'neon',
  'quiet',
  'lucky',
  'cosmic',
  'frosty',
  'rusty',
  'velvet',
  'sunny',
  'midnight',
  'brave',
  'clever',
  'mellow',
  'turbo',
  'crimson',
  'amber',
  'silver',
  'wild',
  'hidden',
  'tiny',
];
export const NAME_SUFFIXES = [
  'fox',
  'otter',
  'raven',
  'wizard',
  'panda',
  'pilot',
  'badger',
  'ghost',
  'knight',
  'comet',
  'lynx',
  'gecko',
  'bard',
  'ranger',
  'falcon',
  'moth',
  'yeti',
  'golem',
  'sprout',
  'koi',
];
export const LANGUAGES = ['en', 'en', 'en', 'de', 'es', 'fr', 'pt', 'ja', 'ko', 'it'];
export const TITLE_OPENERS = [
  'Chill',
  'Ranked grind',
  'Road to',
  'First look:',
  'Late night',
  'Sunday',
  'Viewer games',
  'Blind run',
];
export const TAG_POOL = [
  'English',
  'Chill',
  'Competitive',
  'Cozy',
  'NoBackseating',
  'Speedrun',
  'Educational',
  'LGBTQIA+',
];
export const CLIP_WORDS = [
  'Awkward',
  'Helpless',
  'Salamander',
  'Swift',
  'Rage',
  'Brave',
  'Tiny',
  'Kappa',
  'Pog',
  'Glorious',
  'Sneaky',
  'Cactus',
];

/** A hand-made channel for the demo: the first belongs to the local demo user. */
export interface DemoChannelSpec {
  id: string;
  login: string;
  displayName: string;
  description: string;
  language: string;
  broadcasterType: 'partner' | 'affiliate' | '';
  averageViewers: number;
  followersAtReference: number;
  gameIds: string[];
}

export const DEMO_CHANNELS: readonly DemoChannelSpec[] = [
  {
    id: '90210001',
    login: 'paloma_plays',
    displayName: 'Paloma_Plays',
    description: 'Cozy farming, pixel art and a lot of tea. Streams most evenings (CET).',
    language: 'en',
    broadcasterType: 'affiliate',
    averageViewers: 38,
    followersAtReference: 2_400,
    gameIds: ['490744', '509658', '27471'],
  },
  {
    id: '90210002',
    login: 'northwind_gg',
    displayName: 'NorthwindGG',
    description: 'Tactical shooters, coaching VODs and ranked grinds.',
    language: 'en',
    broadcasterType: 'partner',
    averageViewers: 850,
    followersAtReference: 61_000,
    gameIds: ['516575', '511224', '509658'],
  },
  {
    id: '90210003',
    login: 'lumen_arcade',
    displayName: 'LumenArcade',
    description: 'Soulslikes, RPG marathons and community events.',
    language: 'en',
    broadcasterType: 'partner',
    averageViewers: 14_500,
    followersAtReference: 1_250_000,
    gameIds: ['512953', '1678052513', '509658', '21779'],
  },
];
