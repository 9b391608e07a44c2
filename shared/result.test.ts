import { describe, expect, it } from 'vitest';
import { err, missingCaseError, ok } from './result';

describe('result', () => {
  it('wraps values and errors', () => {
    expect(ok(1)).toEqual({ ok: true, value: 1 });
    expect(err('x')).toEqual({ ok: false, error: 'x' });
  });
  it('names the unhandled case', () => {
    expect(missingCaseError('boom' as never).message).toContain('boom');
  });
});
