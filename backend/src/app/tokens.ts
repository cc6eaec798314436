/** Injection tokens for the infrastructure the app is given (built in start-system.ts, outside Nest). */
export { EVENT_STORE } from '../event-store/event-store.port.js';
export const HELIX_CLIENT = Symbol('HelixClient');
export const CLOCK = Symbol('Clock');
export const PG_POOL = Symbol('PgPool');
export const LOGGER = Symbol('Logger');
export const PROJECTOR = Symbol('Projector');
export const APP_CONFIG = Symbol('AppConfig');
