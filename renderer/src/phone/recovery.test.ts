import { describe, expect, it } from 'vitest';
import { onRestartedPath } from './recovery';

const report = (entries: readonly Record<string, unknown>[]): RTCStatsReport =>
  new Map(entries.map((e) => [String(e['id']), e])) as unknown as RTCStatsReport;
const transport = {
  id: 'T',
  type: 'transport',
  iceState: 'connected',
  iceLocalUsernameFragment: 'new1',
  selectedCandidatePairId: 'P',
};

describe('onRestartedPath', () => {
  it('is true once the selected, working pair belongs to the restarted ICE session', () => {
    expect(
      onRestartedPath(
        report([
          transport,
          { id: 'P', type: 'candidate-pair', state: 'succeeded', localCandidateId: 'L' },
          { id: 'L', type: 'local-candidate', usernameFragment: 'new1' },
        ]),
      ),
    ).toBe(true);
  });

  it('is false while the old pair (the old ufrag) is still the selected one, or the new one is not working yet', () => {
    expect(
      onRestartedPath(
        report([
          transport,
          { id: 'P', type: 'candidate-pair', state: 'succeeded', localCandidateId: 'L' },
          { id: 'L', type: 'local-candidate', usernameFragment: 'old0' },
        ]),
      ),
    ).toBe(false);
    expect(
      onRestartedPath(
        report([
          transport,
          { id: 'P', type: 'candidate-pair', state: 'in-progress', localCandidateId: 'L' },
          { id: 'L', type: 'local-candidate', usernameFragment: 'new1' },
        ]),
      ),
    ).toBe(false);
  });
});
