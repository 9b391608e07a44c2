import { err, ok, type Result } from '../result';

/**
 * A small, strict XML reader for the presence documents that arrive in NOTIFY bodies (PIDF,
 * RFC 3863; dialog-info, RFC 4235). They come from the network, so it reads only what those
 * documents need and refuses the rest instead of guessing:
 *
 * - No DTD: a `<!DOCTYPE` (and with it every entity declaration, the "billion laughs" and
 *   external-entity attacks) is refused outright. Only the five predefined entities and numeric
 *   character references are decoded, each once: nothing expands.
 * - Bounded: the document's length, the nesting depth and the number of elements are capped, and
 *   the reader is a single left-to-right pass (linear in the input).
 * - Namespaces are resolved (`xmlns`, `xmlns:p`), so `<rpid:busy/>` and `<busy xmlns="…rpid"/>`
 *   read the same; elements are identified by namespace URI and local name.
 */
export interface XmlElement {
  readonly ns: string;
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** The element's own character data (not its children's), trimmed. */
  readonly text: string;
}

export const XML_LIMITS = { bytes: 64 * 1024, depth: 32, elements: 2_000 } as const;

export type XmlError =
  'too-large' | 'doctype' | 'malformed' | 'too-deep' | 'too-many-elements' | 'unknown-entity' | 'unbound-prefix';

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(raw: string): string | undefined {
  let failed = false;
  const out = raw.replace(/&([^;&\s]{0,12});/g, (_, entity: string) => {
    if (entity.startsWith('#')) {
      const code = entity[1] === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        failed = true;
        return '';
      }
      return String.fromCodePoint(code);
    }
    const value = PREDEFINED[entity];
    if (value === undefined) failed = true;
    return value ?? '';
  });
  // A bare '&' that did not form a reference is not well-formed XML.
  if (failed || /&(?![^;&\s]{0,12};)/.test(raw)) return undefined;
  return out;
}

interface Open {
  readonly qname: string;
  readonly namespaces: ReadonlyMap<string, string>;
  readonly attributes: Map<string, string>;
  readonly children: XmlElement[];
  text: string;
}

function resolve(
  qname: string,
  namespaces: ReadonlyMap<string, string>,
  isAttribute: boolean,
): { ns: string; name: string } | undefined {
  const colon = qname.indexOf(':');
  if (colon < 0) return { ns: isAttribute ? '' : (namespaces.get('') ?? ''), name: qname };
  const ns = namespaces.get(qname.slice(0, colon));
  return ns === undefined ? undefined : { ns, name: qname.slice(colon + 1) };
}

const ATTRIBUTE = /\s+([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/y;

export function parseXml(source: string): Result<XmlElement, XmlError> {
  if (source.length > XML_LIMITS.bytes) return err('too-large');
  if (/<!DOCTYPE|<!ENTITY/i.test(source)) return err('doctype');
  let i = 0;
  let count = 0;
  const stack: Open[] = [];
  let root: XmlElement | undefined;
  const rootNamespaces = new Map<string, string>([['xml', 'http://www.w3.org/XML/1998/namespace']]);

  const close = (open: Open): Result<XmlElement, XmlError> => {
    const resolved = resolve(open.qname, open.namespaces, false);
    if (!resolved) return err('unbound-prefix');
    const attributes = new Map<string, string>();
    for (const [qname, value] of open.attributes) {
      if (qname === 'xmlns' || qname.startsWith('xmlns:')) continue;
      const a = resolve(qname, open.namespaces, true);
      if (!a) return err('unbound-prefix');
      attributes.set(a.ns ? `${a.ns} ${a.name}` : a.name, value);
    }
    return ok({ ...resolved, attributes, children: open.children, text: open.text.trim() });
  };

  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt < 0 ? source.length : lt;
    if (textEnd > i) {
      const raw = source.slice(i, textEnd);
      const top = stack.at(-1);
      if (!top) {
        if (raw.trim() !== '') return err('malformed');
      } else {
        const decoded = decodeEntities(raw);
        if (decoded === undefined) return err('unknown-entity');
        top.text += decoded;
      }
    }
    if (lt < 0) break;
    i = lt;
    if (source.startsWith('<?', i)) {
      const end = source.indexOf('?>', i);
      if (end < 0) return err('malformed');
      i = end + 2;
      continue;
    }
    if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i + 4);
      if (end < 0) return err('malformed');
      i = end + 3;
      continue;
    }
    if (source.startsWith('<![CDATA[', i)) {
      const end = source.indexOf(']]>', i);
      const top = stack.at(-1);
      if (end < 0 || !top) return err('malformed');
      top.text += source.slice(i + 9, end);
      i = end + 3;
      continue;
    }
    if (source.startsWith('</', i)) {
      const end = source.indexOf('>', i);
      if (end < 0) return err('malformed');
      const qname = source.slice(i + 2, end).trim();
      const open = stack.pop();
      if (!open || open.qname !== qname) return err('malformed');
      const element = close(open);
      if (!element.ok) return element;
      const parent = stack.at(-1);
      if (parent) parent.children.push(element.value);
      else if (root) return err('malformed');
      else root = element.value;
      i = end + 1;
      continue;
    }
    // A start tag: name, attributes, optional '/'.
    const nameMatch = /^<([^\s/>]+)/.exec(source.slice(i, i + 256));
    if (!nameMatch?.[1] || !NAME.test(nameMatch[1])) return err('malformed');
    const qname = nameMatch[1];
    let j = i + nameMatch[0].length;
    const attributes = new Map<string, string>();
    for (;;) {
      ATTRIBUTE.lastIndex = j;
      const a = ATTRIBUTE.exec(source);
      if (!a) break;
      const [, attrName = '', , dq, sq] = a;
      if (!NAME.test(attrName) || attributes.has(attrName)) return err('malformed');
      const value = decodeEntities(dq ?? sq ?? '');
      if (value === undefined) return err('unknown-entity');
      attributes.set(attrName, value);
      j = ATTRIBUTE.lastIndex;
    }
    const rest = /^\s*(\/?)>/.exec(source.slice(j, j + 64));
    if (!rest) return err('malformed');
    i = j + rest[0].length;
    count += 1;
    if (count > XML_LIMITS.elements) return err('too-many-elements');
    if (stack.length >= XML_LIMITS.depth) return err('too-deep');
    if (root && stack.length === 0) return err('malformed');
    const namespaces = new Map(stack.at(-1)?.namespaces ?? rootNamespaces);
    for (const [attrName, value] of attributes) {
      if (attrName === 'xmlns') namespaces.set('', value);
      else if (attrName.startsWith('xmlns:')) namespaces.set(attrName.slice(6), value);
    }
    const open: Open = { qname, namespaces, attributes, children: [], text: '' };
    if (rest[1] === '/') {
      const element = close(open);
      if (!element.ok) return element;
      const parent = stack.at(-1);
      if (parent) parent.children.push(element.value);
      else root = element.value;
    } else {
      stack.push(open);
    }
  }
  if (stack.length > 0 || !root) return err('malformed');
  return ok(root);
}

/** The children of `element` with this namespace and local name. */
export const childrenNamed = (element: XmlElement, ns: string, name: string): XmlElement[] =>
  element.children.filter((c) => c.ns === ns && c.name === name);

export const firstChild = (element: XmlElement, ns: string, name: string): XmlElement | undefined =>
  element.children.find((c) => c.ns === ns && c.name === name);

/** Text for an XML document: the five characters that matter escaped, control characters dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
