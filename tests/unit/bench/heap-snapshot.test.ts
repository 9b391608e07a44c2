import { describe, expect, it } from 'vitest';
import {
  codeGrowthByFunction,
  kindGrowthPerCall,
  newCodeByFunction,
  newCodeByScript,
  parseSnapshot,
  sizeByKind,
} from '../../bench/heap-snapshot';

/** A DevTools heap snapshot with the given nodes (type, self size) and no edges (graphJson below, all named 'x'). */
function snapshotJson(nodes: readonly (readonly [string, number])[]): string {
  return graphJson(nodes.map(([type, size], i) => [i + 1, type, 'x', size, []]));
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

/** A node of a snapshot with edges: id, type, name, self size, and its edges (name, index of the node pointed at). */
type Node = readonly [id: number, type: string, name: string, size: number, edges: readonly (readonly [string, number])[]];

function graphJson(nodes: readonly Node[]): string {
  const types = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'native', 'object shape', 'synthetic'];
  const edgeTypes = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];
  const strings: string[] = [];
  const str = (v: string) => (strings.includes(v) ? strings.indexOf(v) : strings.push(v) - 1);
  return JSON.stringify({
    snapshot: {
      meta: {
        node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'],
        node_types: [types, 'string', 'number', 'number', 'number'],
        edge_fields: ['type', 'name_or_index', 'to_node'],
        edge_types: [edgeTypes, 'string_or_number', 'node'],
      },
    },
    nodes: nodes.flatMap(([id, type, name, size, edges]) => [types.indexOf(type), str(name), id, size, edges.length]),
    edges: nodes.flatMap(([, , , , edges]) => edges.flatMap(([name, to]) => [edgeTypes.indexOf('internal'), str(name), to * 5])),
    strings,
  });
}

/** Two functions of one script: `ring` (named) and an anonymous one, each holding the code nodes given. */
function withCode(
  ringCode: readonly (readonly [number, number])[],
  anonymousCode: readonly (readonly [number, number])[],
): string {
  const first = 6; // index of the first code node
  const ringEdges = ringCode.map((_, i) => ['code', first + i] as const);
  const anonymousEdges = anonymousCode.map((_, i) => ['code', first + ringCode.length + i] as const);
  return graphJson([
    [
      1,
      'synthetic',
      '',
      0,
      [
        ['a', 3],
        ['b', 4],
      ],
    ],
    [2, 'string', 'http://127.0.0.1/assets/mount.js', 40, []],
    [3, 'code', 'system / Script', 10, [['name', 1]]],
    [4, 'code', 'system / SharedFunctionInfo / ring', 32, [['script', 2], ...ringEdges]],
    [5, 'code', 'system / SharedFunctionInfo', 32, [['script', 2], ...anonymousEdges]],
    [6, 'closure', 'ring', 32, [['shared', 3]]],
    ...[...ringCode, ...anonymousCode].map(([id, size]) => [id, 'code', 'system / InstructionStream', size, []] as const),
  ]);
}

describe('heap snapshot code by function', () => {
  // Node indexes in withCode: 0 root, 1 string, 2 script, 3 ring's record, 4 the anonymous record, 5 closure.
  const earlier = parseSnapshot(withCode([[100, 1_000]], [[200, 500]]));
  const later = parseSnapshot(
    withCode(
      [
        [100, 1_000],
        [101, 3_000],
      ],
      [],
    ),
  );

  it("sums the growth of each function's code by its record, named or not, most grown first", () => {
    const grown = codeGrowthByFunction(earlier, later);
    const ring = grown.find((f) => f.name === 'ring');
    const anonymous = grown.find((f) => f.name === '');
    expect(ring).toMatchObject({ script: 'http://127.0.0.1/assets/mount.js', size: 3_000, count: 1 });
    expect(anonymous).toMatchObject({ size: -500, count: -1 });
    expect(grown[0]).toBe(ring);
  });

  it('counts only code born after the earlier snapshot as new, by function and by script', () => {
    expect(newCodeByFunction(earlier, later)).toEqual([
      { script: 'http://127.0.0.1/assets/mount.js', name: 'ring', position: undefined, size: 3_000, count: 1 },
    ]);
    expect(newCodeByScript(earlier, later)).toEqual([{ script: 'http://127.0.0.1/assets/mount.js', size: 3_000 }]);
  });
});
