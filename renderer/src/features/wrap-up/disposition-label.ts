import type { TFunction } from '../../i18n';

/**
 * A disposition code as the agent reads it (walk fault 12): the shipped codes have a label in each
 * language (views locales, dispositions.<code>); a team's own code is shown as it was written.
 * The stored code stays the code.
 */
export function dispositionLabel(t: TFunction, code: string): string {
  const key = `dispositions.${code}`;
  const label = t(key);
  return label === key || label === '' ? code : label;
}
