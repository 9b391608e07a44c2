/** The phone: the app's only door to SIP and WebRTC. */
export { Phone, type MediaOptions, type PhoneOptions } from './phone';
export { validateConfig, normaliseTarget, type ConfigProblem, type PhoneConfig } from './config';
export { sipHeader, isSafeHeaderValue, type SafeHeader, QUEUE_HEADER, QUEUE_WAIT_HEADER } from './headers';
export type * from './events';
