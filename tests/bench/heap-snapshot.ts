/**
 * Reads V8 heap snapshots (the DevTools .heapsnapshot JSON) for heap-per-call.ts: which objects are new
 * in a later snapshot, grouped by constructor, and one path of references that keeps an object alive.
 */
interface Meta {
  readonly node_fields: string[];
  readonly node_types: [string[], ...unknown[]];
  readonly edge_fields: string[];
  readonly edge_types: [string[], ...unknown[]];
}

export interface Snapshot {
  readonly nodes: Uint32Array | number[];
  readonly edges: Uint32Array | number[];
  readonly strings: string[];
  readonly nodeFieldCount: number;
  readonly edgeFieldCount: number;
  readonly nodeTypes: string[];
  readonly edgeTypes: string[];
  /** Field offsets. */
  readonly f: { type: number; name: number; id: number; selfSize: number; edgeCount: number };
  readonly e: { type: number; nameOrIndex: number; toNode: number };
  /** First edge index of each node (by node ordinal). */
  readonly firstEdge: Uint32Array;
  readonly totalSize: number;
}

export function parseSnapshot(json: string): Snapshot {
  const raw = JSON.parse(json) as { snapshot: { meta: Meta }; nodes: number[]; edges: number[]; strings: string[] };
  const meta = raw.snapshot.meta;
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const f = {
    type: meta.node_fields.indexOf('type'),
    name: meta.node_fields.indexOf('name'),
    id: meta.node_fields.indexOf('id'),
    selfSize: meta.node_fields.indexOf('self_size'),
    edgeCount: meta.node_fields.indexOf('edge_count'),
  };
  const e = {
    type: meta.edge_fields.indexOf('type'),
    nameOrIndex: meta.edge_fields.indexOf('name_or_index'),
    toNode: meta.edge_fields.indexOf('to_node'),
  };
  const count = raw.nodes.length / nf;
  const firstEdge = new Uint32Array(count + 1);
  let edge = 0;
  let totalSize = 0;
  for (let i = 0; i < count; i += 1) {
    firstEdge[i] = edge;
    edge += raw.nodes[i * nf + f.edgeCount]! * ef;
    totalSize += raw.nodes[i * nf + f.selfSize]!;
  }
  firstEdge[count] = edge;
  return {
    nodes: raw.nodes,
    edges: raw.edges,
    strings: raw.strings,
    nodeFieldCount: nf,
    edgeFieldCount: ef,
    nodeTypes: meta.node_types[0],
    edgeTypes: meta.edge_types[0],
    f,
    e,
    firstEdge,
    totalSize,
  };
}

const nodeCount = (s: Snapshot) => s.nodes.length / s.nodeFieldCount;
const field = (s: Snapshot, ordinal: number, offset: number) => s.nodes[ordinal * s.nodeFieldCount + offset]!;

function describe(s: Snapshot, ordinal: number): string {
  const type = s.nodeTypes[field(s, ordinal, s.f.type)] ?? '?';
  const name = s.strings[field(s, ordinal, s.f.name)] ?? '';
  const short = name.length > 80 ? `${name.slice(0, 77)}...` : name;
  return `${type}: ${JSON.stringify(short)}`;
}

export interface Group {
  readonly group: string;
  readonly count: number;
  readonly size: number;
  /** One object of the group (node ordinal in the later snapshot). */
  readonly sample: number;
}

function groupOf(s: Snapshot, ordinal: number): string {
  const type = s.nodeTypes[field(s, ordinal, s.f.type)] ?? '?';
  // Strings and numbers are grouped by type alone: their names are their contents. Code by its kind
  // (system / Code, BytecodeArray, FeedbackVector...), not by the function it serves.
  if (type === 'code') return describe(s, ordinal).replace(/ @\d+"$/, '"');
  return ['string', 'concatenated string', 'sliced string', 'number', 'hidden'].includes(type) ? type : describe(s, ordinal);
}

function byGroup(s: Snapshot, keep: (ordinal: number) => boolean): Map<string, { count: number; size: number; sample: number }> {
  const groups = new Map<string, { count: number; size: number; sample: number }>();
  for (let i = 0; i < nodeCount(s); i += 1) {
    if (!keep(i)) continue;
    const key = groupOf(s, i);
    const g = groups.get(key) ?? { count: 0, size: 0, sample: i };
    g.count += 1;
    g.size += field(s, i, s.f.selfSize);
    groups.set(key, g);
  }
  return groups;
}

/**
 * Objects of `later` whose id `earlier` did not have, grouped by type and name, largest first. Includes
 * churn: a bounded list whose entries were replaced shows here although it did not grow (see `growthByGroup`).
 */
export function newObjectsByGroup(earlier: Snapshot, later: Snapshot): Group[] {
  const before = new Set<number>();
  for (let i = 0; i < nodeCount(earlier); i += 1) before.add(field(earlier, i, earlier.f.id));
  const groups = byGroup(later, (i) => !before.has(field(later, i, later.f.id)));
  return [...groups].map(([group, g]) => ({ group, ...g })).sort((a, b) => b.size - a.size);
}

/** How much each group grew (count and bytes) from `earlier` to `later`, most grown first. */
export function growthByGroup(earlier: Snapshot, later: Snapshot): Group[] {
  const a = byGroup(earlier, () => true);
  const b = byGroup(later, () => true);
  return [...b]
    .map(([group, g]) => ({
      group,
      count: g.count - (a.get(group)?.count ?? 0),
      size: g.size - (a.get(group)?.size ?? 0),
      sample: g.sample,
    }))
    .sort((x, y) => y.size - x.size);
}

/**
 * A shortest path of strong references from a GC root to `target` (breadth first over reversed edges),
 * printed from the object outwards: each step names the edge and the holder.
 */
interface Retainers {
  /** For node n, retainers[start[n] .. start[n + 1]) are the indexes of the edges pointing at it. */
  readonly start: Uint32Array;
  readonly retainers: Uint32Array;
  holderOf(edgeIndex: number): number;
}

const retainerIndexes = new WeakMap<Snapshot, Retainers>();

function retainersOf(s: Snapshot): Retainers {
  const known = retainerIndexes.get(s);
  if (known) return known;
  const count = nodeCount(s);
  // Reverse edges: for every node, the edges pointing at it.
  const retainerCount = new Uint32Array(count + 1);
  for (let i = 0; i < s.edges.length; i += s.edgeFieldCount) {
    retainerCount[s.edges[i + s.e.toNode]! / s.nodeFieldCount]! += 1;
  }
  const start = new Uint32Array(count + 1);
  for (let i = 0; i < count; i += 1) start[i + 1] = start[i]! + retainerCount[i]!;
  const fill = start.slice();
  const retainers = new Uint32Array(s.edges.length / s.edgeFieldCount);
  for (let holder = 0; holder < count; holder += 1) {
    for (let i = s.firstEdge[holder]!; i < s.firstEdge[holder + 1]!; i += s.edgeFieldCount) {
      const to = s.edges[i + s.e.toNode]! / s.nodeFieldCount;
      retainers[fill[to]!++] = i; // the edge index; its holder is found by search below
    }
  }
  const holderOf = (edgeIndex: number): number => {
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s.firstEdge[mid]! <= edgeIndex) lo = mid;
      else hi = mid - 1;
    }
    // Nodes without edges share a firstEdge with the next one: take the last node starting at or before it.
    return lo;
  };
  const index = { start, retainers, holderOf };
  retainerIndexes.set(s, index);
  return index;
}

export function retainingPath(s: Snapshot, target: number, maxDepth = 16): string[] {
  const weak = s.edgeTypes.indexOf('weak');
  const shortcut = s.edgeTypes.indexOf('shortcut');
  const { start, retainers, holderOf } = retainersOf(s);
  const edgeName = (i: number): string => {
    const type = s.edgeTypes[s.edges[i + s.e.type]!] ?? '?';
    const v = s.edges[i + s.e.nameOrIndex]!;
    return type === 'element' || type === 'hidden' ? `[${v}]` : (s.strings[v] ?? `${v}`);
  };
  // Breadth first from the target towards a root (node 0 is the synthetic root).
  const via = new Map<number, number>([[target, -1]]);
  let frontier = [target];
  let found = -1;
  for (let depth = 0; depth < maxDepth && found < 0 && frontier.length > 0; depth += 1) {
    const next: number[] = [];
    for (const node of frontier) {
      for (let r = start[node]!; r < start[node + 1]!; r += 1) {
        const edgeIndex = retainers[r]!;
        const type = s.edges[edgeIndex + s.e.type]!;
        if (type === weak || type === shortcut) continue;
        const holder = holderOf(edgeIndex);
        if (via.has(holder)) continue;
        via.set(holder, edgeIndex);
        if (holder === 0) {
          found = node;
          break;
        }
        next.push(holder);
      }
      if (found >= 0) break;
    }
    frontier = next;
  }
  const path: string[] = [describe(s, target)];
  // Walk back from the root side: rebuild the chain from target outwards.
  const chain: number[] = [];
  let cursor = found >= 0 ? 0 : (frontier[0] ?? target);
  while (cursor !== target && chain.length < maxDepth + 1) {
    chain.push(cursor);
    const edgeIndex = via.get(cursor)!;
    // `via` maps a holder to the edge by which it holds the previous node; find that node.
    const held = s.edges[edgeIndex + s.e.toNode]! / s.nodeFieldCount;
    cursor = held;
  }
  for (let k = chain.length - 1; k >= 0; k -= 1) {
    const holder = chain[k]!;
    path.push(`${edgeName(via.get(holder)!)} of ${describe(s, holder)}`);
  }
  if (found < 0) path.push(`(no root within ${maxDepth} steps)`);
  return path;
}

function edgeTo(s: Snapshot, holder: number, name: string): number | undefined {
  for (let i = s.firstEdge[holder]!; i < s.firstEdge[holder + 1]!; i += s.edgeFieldCount) {
    const type = s.edgeTypes[s.edges[i + s.e.type]!];
    if (type === 'element' || type === 'hidden') continue;
    if (s.strings[s.edges[i + s.e.nameOrIndex]!] === name) return s.edges[i + s.e.toNode]! / s.nodeFieldCount;
  }
  return undefined;
}

/** The script a function's SharedFunctionInfo belongs to, by its URL ('' for an evaluated script). */
function scriptUrlOfShared(s: Snapshot, shared: number): string | undefined {
  const script = edgeTo(s, shared, 'script');
  if (script === undefined) return undefined;
  const name = edgeTo(s, script, 'name');
  return name === undefined ? '' : (s.strings[field(s, name, s.f.name)] ?? '');
}

/** The SharedFunctionInfo (a function's one record, its code and bytecode hang from it) a node serves, if near. */
function sharedFunctionOf(s: Snapshot, node: number, maxDepth = 6): number | undefined {
  const closureType = s.nodeTypes.indexOf('closure');
  const { start, retainers, holderOf } = retainersOf(s);
  let frontier = [node];
  const seen = new Set(frontier);
  for (let depth = 0; depth < maxDepth && frontier.length > 0; depth += 1) {
    const next: number[] = [];
    for (const n of frontier) {
      const name = s.strings[field(s, n, s.f.name)] ?? '';
      // Named functions' records are called 'system / SharedFunctionInfo / <name>'.
      if (name === SHARED || name.startsWith(`${SHARED} / `)) return n;
      if (field(s, n, s.f.type) === closureType) {
        const shared = edgeTo(s, n, 'shared');
        if (shared !== undefined) return shared;
      }
      for (let r = start[n]!; r < start[n + 1]!; r += 1) {
        const holder = holderOf(retainers[r]!);
        if (!seen.has(holder)) {
          seen.add(holder);
          next.push(holder);
        }
      }
    }
    frontier = next;
  }
  return undefined;
}

const SHARED = 'system / SharedFunctionInfo';

/** Where a function starts in its script (a snapshot taken with `captureNumericValue` has it; else undefined). */
function startPositionOf(s: Snapshot, shared: number): number | undefined {
  const position = edgeTo(s, shared, 'start_position');
  if (position === undefined) return undefined;
  const value = Number(s.strings[field(s, position, s.f.name)]);
  return Number.isFinite(value) ? value : undefined;
}

/** Compiled code, bytecode and feedback of one function born between two snapshots. */
export interface FunctionCode {
  /** The script's URL, '' for an evaluated script, undefined when no function was found near the code. */
  readonly script: string | undefined;
  /** The function's name ('' when anonymous). */
  readonly name: string;
  /** Its start in the script (characters), when the snapshot holds numeric values. */
  readonly position: number | undefined;
  readonly size: number;
  readonly count: number;
}

/** Code nodes of `s` that `keep` admits, summed by the function they serve (keyed by its record's snapshot id). */
function codeByFunction(s: Snapshot, keep: (ordinal: number) => boolean): Map<string, FunctionCode> {
  const codeType = s.nodeTypes.indexOf('code');
  const found = new Map<string, FunctionCode>();
  for (let i = 0; i < nodeCount(s); i += 1) {
    if (field(s, i, s.f.type) !== codeType || !keep(i)) continue;
    const shared = sharedFunctionOf(s, i);
    const script = shared === undefined ? undefined : scriptUrlOfShared(s, shared);
    const label = shared === undefined ? '' : (s.strings[field(s, shared, s.f.name)] ?? '');
    const name = label.startsWith(`${SHARED} / `) ? label.slice(SHARED.length + 3) : '';
    const position = shared === undefined ? undefined : startPositionOf(s, shared);
    // A SharedFunctionInfo keeps its snapshot id for its life: the same function in two snapshots.
    const key = shared === undefined ? '(none)' : String(field(s, shared, s.f.id));
    const known = found.get(key);
    const size = field(s, i, s.f.selfSize);
    found.set(key, { script, name, position, size: (known?.size ?? 0) + size, count: (known?.count ?? 0) + 1 });
  }
  return found;
}

/**
 * Compiled code, bytecode and feedback (snapshot type `code`) born after `earlier` and alive in `later`,
 * by the function it serves (found by walking retainers up to a SharedFunctionInfo or a closure), most
 * first: which functions V8 compiled meanwhile (churn included: code that replaced older code).
 */
export function newCodeByFunction(earlier: Snapshot, later: Snapshot): FunctionCode[] {
  const before = new Set<number>();
  for (let i = 0; i < nodeCount(earlier); i += 1) before.add(field(earlier, i, earlier.f.id));
  const born = codeByFunction(later, (i) => !before.has(field(later, i, later.f.id)));
  return [...born.values()].sort((a, b) => b.size - a.size);
}

/**
 * How much each function's code, bytecode and feedback grew from `earlier` to `later` (later minus
 * earlier, by the function's record), most grown first: what the heap's code growth is made of.
 */
export function codeGrowthByFunction(earlier: Snapshot, later: Snapshot): FunctionCode[] {
  const a = codeByFunction(earlier, () => true);
  const b = codeByFunction(later, () => true);
  const grown: FunctionCode[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key);
    const y = b.get(key);
    const base = y ?? x!;
    grown.push({ ...base, size: (y?.size ?? 0) - (x?.size ?? 0), count: (y?.count ?? 0) - (x?.count ?? 0) });
  }
  return grown.sort((p, q) => q.size - p.size);
}

/** The same by script alone: the app's own code, or code of scripts a test driver evaluated in the page. */
export function newCodeByScript(earlier: Snapshot, later: Snapshot): Array<{ script: string; size: number }> {
  const sizes = new Map<string, number>();
  for (const f of newCodeByFunction(earlier, later)) {
    const key = f.script === undefined ? '(no function found)' : f.script === '' ? '(evaluated script, no URL)' : f.script;
    sizes.set(key, (sizes.get(key) ?? 0) + f.size);
  }
  return [...sizes].map(([script, size]) => ({ script, size })).sort((a, b) => b.size - a.size);
}

/**
 * A snapshot's self sizes by what holds them, to tell what calls keep from V8 warming up:
 *   code    V8's compiled code, bytecode and feedback (snapshot type `code`): grows while functions
 *           are optimized, however many calls they served, and stops when they all are;
 *   native  objects outside the JS heap's object graph proper: Blink's (DOM nodes, performance-timeline
 *           entries, media players) and V8's internal arrays (snapshot type `native`);
 *   js      everything else: JS objects, arrays, closures, strings, numbers, their shapes; what the
 *           app's own state (stores, logs, maps, listeners) is made of.
 */
export interface SizeByKind {
  readonly code: number;
  readonly native: number;
  readonly js: number;
}

export function sizeByKind(s: Snapshot): SizeByKind {
  const code = s.nodeTypes.indexOf('code');
  const native = s.nodeTypes.indexOf('native');
  const sizes = { code: 0, native: 0, js: 0 };
  for (let i = 0; i < nodeCount(s); i += 1) {
    const type = field(s, i, s.f.type);
    const size = field(s, i, s.f.selfSize);
    if (type === code) sizes.code += size;
    else if (type === native) sizes.native += size;
    else sizes.js += size;
  }
  return sizes;
}

/** Bytes per call of each kind between two snapshots `calls` calls apart. */
export function kindGrowthPerCall(earlier: SizeByKind, later: SizeByKind, calls: number): SizeByKind {
  return {
    code: (later.code - earlier.code) / calls,
    native: (later.native - earlier.native) / calls,
    js: (later.js - earlier.js) / calls,
  };
}
