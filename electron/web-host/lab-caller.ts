// Loaded on the first "Have a customer call me" only: the simulated customer brings werift (a
// WebRTC stack) and the recorded complaints, which a start that never uses them should not load.
import type { LabLogger } from '../lab';
import { loadComplaints, pickComplaint, type Complaint } from '../lab/simulate/complaints.js';
import { CustomerCall } from '../lab/simulate/customer-call.js';

let complaints: readonly Complaint[] | undefined;

export interface CustomerCallRequest {
  readonly wsUrl: string;
  readonly domain: string;
  readonly customer: { readonly user: string; readonly password: string };
  readonly queue: string;
  readonly language: string;
  readonly patienceMs: number;
  readonly talkMs: number;
  readonly log: LabLogger;
}

/** One simulated customer calling `queue`, speaking a recorded complaint in `language` (any, if none). */
export function placeCustomerCall(request: CustomerCallRequest): { call: CustomerCall; complaint: Complaint } {
  complaints ??= loadComplaints();
  const complaint = pickComplaint(complaints, request.queue, request.language, Math.random);
  const call = new CustomerCall({
    account: { wsUrl: request.wsUrl, domain: request.domain, ...request.customer },
    queue: request.queue,
    complaint,
    patienceMs: request.patienceMs,
    talkMs: request.talkMs,
    log: request.log,
  });
  return { call, complaint };
}
