import { describe, expect, it } from 'vitest';
import { parseSupervisionEndReason, SUPERVISION_END_REASONS, supervisionEndReasonHeader } from './ended';

describe("the reason a supervisor's leg ended", () => {
  it('reads back every reason the agent side writes', () => {
    for (const reason of SUPERVISION_END_REASONS) {
      expect(parseSupervisionEndReason(supervisionEndReasonHeader(reason))).toBe(reason);
    }
  });

  it('reads it among other Reason parameters, as a proxy may reorder them', () => {
    expect(parseSupervisionEndReason('SIP ; text="warmline-supervision=transferred";cause=200')).toBe('transferred');
  });

  it('is no reason for anything else: absent, foreign, unknown, oversized', () => {
    for (const header of [
      undefined,
      '',
      'SIP;cause=200;text="Call completed elsewhere"',
      'Q.850;cause=16',
      'SIP;cause=200;text="warmline-supervision=hijacked"',
      'SIP;cause=200;text="warmline-supervision=transferred-and-more"',
      `SIP;cause=200;text="warmline-supervision=transferred";x=${'a'.repeat(300)}`,
    ]) {
      expect(parseSupervisionEndReason(header), String(header)).toBeUndefined();
    }
  });
});
