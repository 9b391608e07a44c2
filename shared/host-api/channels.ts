/**
 * The HostApi's method names and their IPC channels, kept free of imports so the sandboxed
 * preload can bundle it without pulling in the validators.
 */
export const HOST_CHANNELS = {
  getAppInfo: 'app:info:get',
  bootstrap: 'app:bootstrap',
  getSettings: 'settings:get',
  saveSettings: 'settings:save',
  getSipPassword: 'credentials:sip-password:get',
  getTeamKey: 'credentials:team-key:get',
  reportAgentStatus: 'agent:status:report',
  logError: 'log:error',
  getShortcuts: 'shortcuts:get',
  saveShortcuts: 'shortcuts:save',
  recordCall: 'calls:history:record',
  recordEscalation: 'calls:escalations:record',
  listHistory: 'calls:history:list',
  exportHistoryCsv: 'calls:history:export-csv',
  agentStats: 'calls:stats:get',
  saveWrapUpDraft: 'wrap-up:draft:save',
  getOpenWrapUp: 'wrap-up:open:get',
  finishWrapUp: 'wrap-up:finish',
  getCustomer: 'customers:get',
  addCustomerNote: 'customers:notes:add',
  closeFollowUp: 'customers:follow-ups:close',
  listCallbacks: 'customers:callbacks:list',
  snoozeFollowUp: 'customers:follow-ups:snooze',
  remindOfCallback: 'customers:callbacks:remind',
  saveCallNotes: 'calls:notes:save',
  listInterruptedCallNotes: 'calls:notes:interrupted',
  dismissCallNotes: 'calls:notes:dismiss',
  deleteCall: 'calls:history:delete',
  startRecording: 'calls:recordings:start',
  appendRecording: 'calls:recordings:append',
  finishRecording: 'calls:recordings:finish',
  readRecording: 'calls:recordings:read',
  getLabInfo: 'lab:info:get',
  labCallMe: 'lab:call-me',
} as const;

export type HostMethod = keyof typeof HOST_CHANNELS;
export const HOST_METHODS = Object.keys(HOST_CHANNELS) as HostMethod[];

export function isHostMethod(value: unknown): value is HostMethod {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(HOST_CHANNELS, value);
}

/** Host → renderer push events (`HostEvent`), main to the app's window only. */
export const HOST_EVENT_CHANNEL = 'host:event';
/** The renderer tells main it listens for events: until then, main holds dial links back. */
export const HOST_EVENT_SUBSCRIBE_CHANNEL = 'host:event:subscribe';

/** The largest request either transport accepts, in bytes of JSON: far above any real payload. */
export const MAX_HOST_REQUEST_BYTES = 64 * 1024;
