/**
 * A mistake in how the command was called (exit code 2): the message says what is wrong and
 * how to call it instead.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
