/**
 * A TCP proxy in front of a real PostgreSQL server that drops connections at chosen moments, for
 * tests of what a client does when the database goes away mid-conversation:
 * - a COMMIT whose reply is lost: the server commits, the connection drops before the client hears;
 * - a statement whose connection drops before it reaches the server;
 * - an outage: every connection drops, and new ones are refused until the database is "back";
 * - a partition: connections stay open but nothing passes either way (a peer that vanished without
 *   a word), and new ones are refused until it heals; the silenced ones stay silent after.
 * It reads the frontend's messages of the wire protocol (type byte, length) to see statements
 * (simple `Q` queries and extended-protocol `P` parses); the server's bytes pass through untouched.
 */
import { createServer, Socket, type AddressInfo, type Server } from 'node:net';

interface Conversation {
  client: Socket;
  server: Socket;
  /** Bytes from the client not yet framed into whole messages. */
  pending: Buffer;
  started: boolean;
  /** Statements since the transaction's BEGIN. */
  transaction: string[];
  /** Nothing passes any more, either way; the sockets stay open (a partition). */
  silenced?: boolean;
  /** Set when the server's next bytes (a COMMIT's reply) are to be swallowed and the connection dropped. */
  loseReply?: () => void;
}

interface StatementRule {
  marker: string;
  remaining: number;
  done: () => void;
}

export class PostgresFaultProxy {
  private readonly conversations = new Set<Conversation>();
  private refusing = false;
  private commitRule?: { marker: string; done: () => void };
  private readonly statementRules: StatementRule[] = [];

  private constructor(
    private readonly server: Server,
    private readonly target: { host: string; port: number },
  ) {}

  /** Listens on a free loopback port, forwarding to the server of `databaseUrl`. */
  static async start(databaseUrl: string): Promise<PostgresFaultProxy> {
    const target = new URL(databaseUrl);
    const server = createServer();
    const proxy = new PostgresFaultProxy(server, { host: target.hostname, port: Number(target.port || 5432) });
    server.on('connection', (socket) => proxy.accept(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** `databaseUrl` (same credentials and database) through this proxy. */
  urlFor(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String((this.server.address() as AddressInfo).port);
    return url.toString();
  }

  /**
   * The next COMMIT of a transaction with a statement containing `marker` reaches the server, which
   * commits, but its reply is lost: the connection drops. Resolves once that happened.
   */
  loseNextCommitReply(marker: string): Promise<void> {
    return new Promise((resolve) => (this.commitRule = { marker, done: resolve }));
  }

  /** The next `count` statements containing `marker` never reach the server: their connection drops. Resolves after the last. */
  dropStatements(marker: string, count: number): Promise<void> {
    return new Promise((resolve) => this.statementRules.push({ marker, remaining: count, done: resolve }));
  }

  /** The database goes away as clients see it: every connection drops, new ones are refused until `up()`. */
  down(): void {
    this.refusing = true;
    for (const conversation of [...this.conversations]) this.drop(conversation);
  }

  up(): void {
    this.refusing = false;
  }

  /** A network partition: open connections go silent for good (neither side hears of it), new ones are refused until `up()`. */
  partition(): void {
    this.refusing = true;
    for (const conversation of this.conversations) conversation.silenced = true;
  }

  async close(): Promise<void> {
    this.down();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.refusing) {
      client.destroy();
      return;
    }
    const server = new Socket();
    const conversation: Conversation = { client, server, pending: Buffer.alloc(0), started: false, transaction: [] };
    this.conversations.add(conversation);
    const end = () => this.drop(conversation);
    client.on('error', end).on('close', end);
    server.on('error', end).on('close', end);
    client.pause();
    server.connect(this.target.port, this.target.host, () => client.resume());
    server.on('data', (chunk: Buffer) => {
      if (conversation.silenced) return;
      const lose = conversation.loseReply;
      if (lose) {
        // The server has answered the COMMIT: it is committed. The client never hears it.
        this.drop(conversation);
        lose();
        return;
      }
      client.write(chunk);
    });
    client.on('data', (chunk: Buffer) => this.fromClient(conversation, chunk));
  }

  private fromClient(conversation: Conversation, chunk: Buffer): void {
    if (conversation.silenced) return;
    conversation.pending = Buffer.concat([conversation.pending, chunk]);
    for (;;) {
      const message = this.nextMessage(conversation);
      if (!message) return;
      const statement = statementOf(message);
      if (statement !== undefined && !this.passes(conversation, statement)) return;
      conversation.server.write(message);
    }
  }

  /** The next whole frontend message, or undefined until more bytes come. */
  private nextMessage(conversation: Conversation): Buffer | undefined {
    const { pending } = conversation;
    // The startup message has no type byte: length, then the rest.
    const offset = conversation.started ? 1 : 0;
    if (pending.length < offset + 4) return undefined;
    const length = pending.readInt32BE(offset) + offset;
    if (pending.length < length) return undefined;
    conversation.started = true;
    conversation.pending = pending.subarray(length);
    return pending.subarray(0, length);
  }

  /** Applies the rules to a statement; false when its connection was dropped instead. */
  private passes(conversation: Conversation, statement: string): boolean {
    const rule = this.statementRules.find((r) => statement.includes(r.marker));
    if (rule) {
      this.drop(conversation);
      if (--rule.remaining === 0) {
        this.statementRules.splice(this.statementRules.indexOf(rule), 1);
        rule.done();
      }
      return false;
    }
    const keyword = statement.trim().toUpperCase();
    if (keyword === 'BEGIN') conversation.transaction = [];
    else if (keyword === 'COMMIT') {
      const commitRule = this.commitRule;
      if (commitRule && conversation.transaction.some((s) => s.includes(commitRule.marker))) {
        this.commitRule = undefined;
        conversation.loseReply = commitRule.done;
      }
      conversation.transaction = [];
    } else conversation.transaction.push(statement);
    return true;
  }

  private drop(conversation: Conversation): void {
    if (!this.conversations.delete(conversation)) return;
    conversation.client.destroy();
    conversation.server.destroy();
  }
}

/** The SQL of a simple query (`Q`) or of a parse (`P`: name, then the statement), else undefined. */
function statementOf(message: Buffer): string | undefined {
  const type = String.fromCharCode(message[0] ?? 0);
  if (type === 'Q') return message.toString('utf8', 5, message.length - 1);
  if (type === 'P') {
    const nameEnd = message.indexOf(0, 5);
    return message.toString('utf8', nameEnd + 1, message.indexOf(0, nameEnd + 1));
  }
  return undefined;
}
