export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly messageKey: string,
  ) {
    super(messageKey);
  }
}
export class NotFound extends AppError {
  constructor() {
    super(404, 'errors:notFound');
  }
}
export class Forbidden extends AppError {
  constructor() {
    super(403, 'errors:forbidden');
  }
}
export class Conflict extends AppError {
  constructor(messageKey = 'errors:conflict') {
    super(409, messageKey);
  }
}
/** Signed-in pages reached without a session: send the person to sign in. */
export class SignInRequired extends AppError {
  constructor() {
    super(401, 'errors:signInRequired');
  }
}
