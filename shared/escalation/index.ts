export {
  CONTEXT_HEADER,
  decodeEscalationContext,
  encodeEscalationContext,
  fitToHeader,
  MAX_CONTEXT_HEADER_BYTES,
  TRUNCATION_MARKER,
  type DecodedContext,
  type EncodedEscalationContext,
  type EscalationEncodeError,
  type UnreadableReason,
  type UnverifiedReason,
} from './codec';
export * from './schema';
export { containsMarkup, ESCALATION_VALIDATION } from './text';
export { escalationIdFromUserToUser, USER_TO_USER_HEADER, userToUserHeader } from './uui';
export { newEscalationId } from './web-crypto';
