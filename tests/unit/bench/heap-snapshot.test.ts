import { describe, expect, it } from 'vitest';
import { kindGrowthPerCall, parseSnapshot, sizeByKind } from '../../bench/heap-snapshot';

/** A DevTools heap snapshot with the given nodes (type, self size) and no edges. */
function snapshotJson(nodes: readonly (readonly [string, number])[]): string {
  const types = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'native', 'object shape', 'synthetic'];
  return JSON.stringify({
    snapshot: {
      meta: {
        node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'],
        node_types: [types, 'string', 'number', 'number', 'number'],
        edge_fields: ['type', 'name_or_index', 'to_node'],
        edge_types: [['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'], 'string_or_number', 'node'],
      },
    },
    nodes: nodes.flatMap(([type, size], i) => [types.indexOf(type), 0, i + 1, size, 0]),
    edges: [],
    strings: ['x'],
  });
}

describe('heap snapshot sizes by kind', () => {
  it('puts compiled code, native objects and JS objects apart', () => {
    const s = parseSnapshot(
      snapshotJson([
        ['synthetic', 0],
        ['code', 100],
        ['code', 20],
        ['native', 50],
        ['object', 30],
        ['closure', 32],
        ['string', 16],
        ['object shape', 40],
      ]),
    );
    expect(sizeByKind(s)).toEqual({ code: 120, native: 50, js: 118 });
  });

  it('gives the growth per call of each kind, shrinking as a negative', () => {
    expect(kindGrowthPerCall({ code: 1_000, native: 500, js: 2_000 }, { code: 3_000, native: 500, js: 1_000 }, 100)).toEqual({
      code: 20,
      native: 0,
      js: -10,
    });
  });
});
