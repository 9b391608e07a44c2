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
