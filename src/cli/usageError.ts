/** Bad command-line input: printed as is, exit code 1, no stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
