import type { HostApi } from '../../host';
import type { CallInfo } from '../../phone';
import { HandoffCard } from '../escalation/HandoffCard';
import { useHandoff } from '../escalation/use-handoff';

/** The handoff card of a call that came with an escalation context, ringing or connected. */
export function Handoff({ info, host }: { readonly info: CallInfo; readonly host: HostApi }) {
  return <HandoffCard decoded={useHandoff(info.contextHeader, info.contextReceived, host)} />;
}
