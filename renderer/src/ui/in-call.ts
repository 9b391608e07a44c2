// What only a call (or its wrap-up) shows beyond the call's own card, in one chunk after the
// start chunk (issue 19): lazy-views.tsx loads it, preloaded on idle after start.
export { AssistSidebar } from '../features/assist/AssistSidebar';
export { LiveConsultBar as ConsultBar } from '../features/escalation/ConsultBar';
export { Handoff } from '../features/calls/Handoff';
export { MicMeter } from '../features/calls/MicMeter';
export { CustomerPop } from '../features/customers/CustomerPop';
export { WrapUpPanel } from '../features/wrap-up/WrapUpPanel';
export { TextLimit } from './TextLimit';
