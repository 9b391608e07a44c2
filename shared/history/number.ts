/** The longest normalised number kept: E.164 is 15 digits; extensions and odd user parts fit too. */
export const MAX_NORMALISED_NUMBER = 64;

/** A customer is keyed by a normalised number (`tel:+3120…`) or an account reference (`ref:ACME-42`). */
export const CUSTOMER_KEY_PATTERN = /^(tel:\+?[0-9*#]{2,32}|ref:[^\u0000-\u001f\u007f-\u009f]{1,64})$/;

/** The customer a number belongs to; none for withheld or non-numeric callers ("anonymous", a SIP name). */
export function customerKeyForNumber(normalised: string): string | undefined {
  return /^\+?[0-9*#]{2,32}$/.test(normalised) ? `tel:${normalised}` : undefined;
}

export function customerKeyForReference(reference: string): string | undefined {
  const key = `ref:${reference.trim()}`;
  return CUSTOMER_KEY_PATTERN.test(key) ? key : undefined;
}
