// An error the user can act on: one clear line, an exit code, never a client value.
export class RunError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'RunError';
  }
}
