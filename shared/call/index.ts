export * from './call';
export * from './call-lifecycle';
export * from './consult-state';
export * from './refer-target';
export { newInboundCall, newOutboundCall, totalHoldMs, type NewCall } from './call-timeline';
