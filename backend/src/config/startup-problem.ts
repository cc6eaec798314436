/**
 * A start-up problem the operator can fix, with a message that names the setting and says what is
 * wrong: `npm start` prints it as one line instead of a stack trace.
 */
export class StartupProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupProblem';
  }
}
