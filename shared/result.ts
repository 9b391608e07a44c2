/** The shape every HostApi call returns: Electron passes only an error's message across IPC, so errors travel as data. */
export type Result<T, E = HostError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** `storage-full`: the disk is full; the page keeps what was typed and saves again (issue 17). */
export type HostErrorCode = 'invalid-input' | 'forbidden' | 'not-found' | 'internal' | 'unknown-method' | 'storage-full';

export interface HostError {
  readonly code: HostErrorCode;
  readonly message: string;
  /** Field-level problems, for validation errors: `path` is the dotted field name. */
  readonly issues?: readonly { readonly path: string; readonly message: string }[];
}

export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

export function err<E>(error: E): Result<never, E> {
  return { ok: false, error };
}

/** Ends every `switch` over a union: the compiler proves `x` is `never`, the throw catches casts that lied. */
export function missingCaseError(x: never): Error {
  return new TypeError(`Unhandled case: ${JSON.stringify(x)}`);
}
