/** The phone: the app's only door to SIP and WebRTC. */
export { newSipCallId, Phone, type MediaOptions, type PhoneOptions } from './phone';
export { validateConfig, normaliseTarget, type ConfigProblem, type PhoneConfig } from './config';
export {
  sipHeader,
  isSafeHeaderValue,
  type SafeHeader,
  QUEUE_HEADER,
  QUEUE_WAIT_HEADER,
  CONTEXT_HEADER,
  USER_TO_USER_HEADER,
  MAX_CONTEXT_HEADER_VALUE,
  CONSULT_LEG_HEADER,
} from './headers';
export { OVERSIZED_CONTEXT } from './remote-party';
export { referredByWithContext } from './blind-context';
export { CallRecorder, recordingFormat, type CallAudio } from './recorder';
export type * from './events';
export { DECLINE_REASONS } from './events';
