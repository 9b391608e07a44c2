import { describe, expect, it } from 'vitest';
import { holdScript } from './hold-script';

const hold = {
  checkIn: 'Thank you for holding.',
  return: ['Thank you for waiting, {name} — I am back.', 'Here is what I found.'],
};

describe('the hold script', () => {
  it("says the caller's name where the call has one", () => {
    expect(holdScript(hold, 'Sarah Miller', '9001').return[0]).toBe('Thank you for waiting, Sarah Miller — I am back.');
  });

  it('is said without the name where the call has none, or only the number', () => {
    expect(holdScript(hold, undefined).return[0]).toBe('Thank you for waiting — I am back.');
    expect(holdScript(hold, '9001', '9001').return[0]).toBe('Thank you for waiting — I am back.');
    expect(holdScript(hold, '  \u202e ').return).toEqual(['Thank you for waiting — I am back.', 'Here is what I found.']);
  });
});
