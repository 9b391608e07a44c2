import { useSyncExternalStore } from 'react';
import { getTranslator, subscribeToLanguage } from './active';
import type { Translator } from './translator';

/**
 * The active language's translator. Components re-render when the language changes and only
 * then: `t` is a lookup in strings prepared once per language (issue 19: i18next's `t()` was
 * most of the renderer's JS time in a call).
 */
export function useTranslation(): Translator {
  return useSyncExternalStore(subscribeToLanguage, getTranslator, getTranslator);
}
