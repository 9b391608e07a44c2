import { describe, expect, it } from 'vitest';
import { DialogTable } from './dialogs';

function upCall(now: () => number): DialogTable {
  const table = new DialogTable(now);
  table.open('c1', 'tagA', 1, 'customer1');
  table.join('c1', 2, 'agent1');
  table.confirm('c1');
  return table;
}

describe('DialogTable after a dropped connection', () => {
  it('gives the dialog back to the same account when it registers on a new connection', () => {
    const table = upCall(() => 0);
    table.dropConnection(2);
    expect(table.admit('c1', ['tagA'], 3, 1)).toBeUndefined();
    table.rebind('agent1', 3);
    expect(table.admit('c1', ['tagA'], 3, 1)).toEqual({ user: 'agent1' });
    expect(table.admit('c1', ['tagA'], 1, 3)).toEqual({ user: 'customer1' });
  });

  it('not to another account, and not after the window', () => {
    let now = 0;
    const table = upCall(() => now);
    table.dropConnection(2);
    table.rebind('agent2', 3);
    expect(table.admit('c1', ['tagA'], 3, 1)).toBeUndefined();
    now = 6 * 60_000;
    table.rebind('agent1', 4);
    expect(table.admit('c1', ['tagA'], 4, 1)).toBeUndefined();
  });

  it('forgets a dialog whose parties are all gone once their window has passed', () => {
    let now = 0;
    const table = upCall(() => now);
    table.dropConnection(1);
    table.dropConnection(2);
    expect(table.size).toBe(1);
    now = 6 * 60_000;
    table.sweep();
    expect(table.size).toBe(0);
  });
});

describe('DialogTable when a phone moves networks (issue 14: the old connection is half-open, never closed)', () => {
  it('hands the dialogs of that account over to the new connection; the old one no longer speaks for it', () => {
    const table = upCall(() => 0);
    expect(table.admit('c1', ['tagA'], 3, 1)).toBeUndefined();
    table.handOver('agent1', 2, 3);
    expect(table.admit('c1', ['tagA'], 3, 1)).toEqual({ user: 'agent1' });
    expect(table.admit('c1', ['tagA'], 1, 3)).toEqual({ user: 'customer1' });
    expect(table.admit('c1', ['tagA'], 2, 1)).toBeUndefined();
    // When the stale connection finally closes, the dialog stays with the new one.
    table.dropConnection(2);
    expect(table.admit('c1', ['tagA'], 3, 1)).toEqual({ user: 'agent1' });
  });

  it('hands over nothing of another account on that connection', () => {
    const table = upCall(() => 0);
    table.handOver('agent2', 2, 3);
    expect(table.admit('c1', ['tagA'], 3, 1)).toBeUndefined();
    table.handOver('agent1', 1, 3); // connection 1 is customer1's
    expect(table.admit('c1', ['tagA'], 3, 2)).toBeUndefined();
  });
});
