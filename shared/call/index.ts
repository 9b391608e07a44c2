export * from './call';
export * from './call-lifecycle';
export { newInboundCall, newOutboundCall, totalHoldMs, type NewCall } from './call-timeline';
