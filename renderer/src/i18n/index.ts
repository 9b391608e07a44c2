// The app's UI strings: one language loaded at a time, looked up by dotted key (issue 19 replaced i18next).
export {
  getTranslator,
  initI18n,
  lastLanguage,
  loadMessages,
  loadViewWords,
  prefetchLanguage,
  setLanguage,
  subscribeToLanguage,
  t,
  type Messages,
  type ViewMessages,
} from './active';
export type { TFunction, TranslationValues, Translator } from './translator';
export { useTranslation } from './use-translation';
