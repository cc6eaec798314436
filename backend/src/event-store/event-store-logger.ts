/** The little the adapters need from a logger: NestJS's Logger, pino and console all fit. */
export interface EventStoreLogger {
  warn(message: string): void;
}

export const silentLogger: EventStoreLogger = { warn: () => {} };
