export {
  CONTEXT_HEADER,
  decodeEscalationContext,
  encodeEscalationContext,
  fitToHeader,
  MAX_CONTEXT_HEADER_BYTES,
  TRUNCATION_MARKER,
  type ContextBinding,
  type DecodedContext,
  type DecodeOptions,
  type EncodedEscalationContext,
  type EscalationEncodeError,
  type NotValidReason,
  type ReceivedOn,
  type SealOptions,
  type UnreadableReason,
  type UnverifiedReason,
} from './codec';
export { ReplayGuard } from './replay-guard';
export { CONTEXT_VALIDITY_MS } from './sealed';
export * from './schema';
export { containsMarkup, ESCALATION_VALIDATION } from './text';
export { escalationIdFromUserToUser, USER_TO_USER_HEADER, userToUserHeader } from './uui';
export { newEscalationId } from './web-crypto';
