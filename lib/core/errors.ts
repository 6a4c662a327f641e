/**
 * What kind of failure an error is. The HTTP layer maps kinds to status codes in one place
 * (lib/api/http-errors.ts); the core never knows about HTTP.
 */
export type ErrorKind =
  | 'invalid' // the input is malformed or violates a rule of its own (400)
  | 'unauthenticated' // no or bad credentials (401)
  | 'forbidden' // authenticated, not allowed (403)
  | 'not_found' // no such object, or not visible to the caller (404)
  | 'method_not_allowed' // route exists, method does not (405)
  | 'conflict' // the request clashes with current state, e.g. a version race or key reuse (409)
  | 'too_large' // the body is over the size limit (413)
  | 'unsupported_media_type' // the body is not JSON (415)
  | 'unprocessable' // well-formed but refused by a business rule, e.g. a risk rejection (422)
  | 'unavailable'; // a dependency is down; safe to retry (503)

/** A problem with one field of the input: `field` is a dotted path, `problem` a sentence. */
export interface FieldProblem {
  field: string;
  problem: string;
  /** Where the field was, for request input. */
  in?: 'body' | 'query' | 'path' | 'header';
}

/**
 * The one error base of the domain. `code` is stable SCREAMING_SNAKE and is part of the
 * public API contract; `message` is for people; `details` names the fields involved.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: ErrorKind,
    readonly details?: readonly FieldProblem[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Another writer changed the same item first; the caller should re-read and retry. */
export class ConcurrencyError extends DomainError {
  constructor(what: string) {
    super('CONCURRENT_UPDATE', `${what} was changed by another request; retry`, 'conflict');
    this.name = 'ConcurrencyError';
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} was not found`, 'not_found');
    this.name = 'NotFoundError';
  }
}
