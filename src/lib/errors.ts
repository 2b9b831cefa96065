/**
 * The one catalogue of errors the app answers with. Each has a status and a stable code;
 * the error handler turns them into an HTML page or a JSON body and never shows internals.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Per-field messages for forms and APIs. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export class BadRequest extends AppError {
  constructor(message = 'The request could not be understood.', fields: Record<string, string> = {}) {
    super(400, 'bad_request', message, fields);
  }
}

export class Unauthorized extends AppError {
  constructor(message = 'Please sign in to continue.') {
    super(401, 'unauthorized', message);
  }
}

export class Forbidden extends AppError {
  constructor(message = 'You do not have permission to do that.') {
    super(403, 'forbidden', message);
  }
}

export class NotFound extends AppError {
  constructor(message = 'We could not find that page.') {
    super(404, 'not_found', message);
  }
}

export class Conflict extends AppError {
  constructor(message: string, fields: Record<string, string> = {}) {
    super(409, 'conflict', message, fields);
  }
}

export class Gone extends AppError {
  constructor(message: string) {
    super(410, 'gone', message);
  }
}

export class PayloadTooLarge extends AppError {
  constructor(message = 'That file is too large.') {
    super(413, 'payload_too_large', message);
  }
}

export class Invalid extends AppError {
  constructor(fields: Record<string, string>, message = 'Please correct the problems below.') {
    super(422, 'invalid', message, fields);
  }
}

export class TooMany extends AppError {
  constructor(message = 'Too many attempts. Please wait a minute and try again.') {
    super(429, 'too_many_requests', message);
  }
}
