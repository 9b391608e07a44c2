import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Issue 17, finding 15: JsSIP copies `extraHeaders` into the message unchecked, so a CR or LF in
 * one would inject headers. The app builds every header line with `sipHeader`, whose result is
 * the branded type `SafeHeader`; this test proves with the type checker that everything named
 * `extraHeaders`/`extra_headers` in the renderer (options given to JsSIP, parameters, property
 * types, a constructor's signature) and every `setExtraHeaders` argument is `SafeHeader[]`, so
 * no code path can hand JsSIP a plain string. A new path that does fails here.
 */
const ROOT = resolve(__dirname, '../../..');
const HEADER_NAMES = new Set(['extraHeaders', 'extra_headers']);

function rendererProgram(extra?: { readonly file: string; readonly text: string }): ts.Program {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.renderer.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('no renderer tsconfig');
  const options = { ...config.options, noEmit: true, incremental: false, composite: false };
  const host = ts.createCompilerHost(options);
  if (extra) {
    const { fileExists, readFile, getSourceFile } = host;
    host.fileExists = (f) => f === extra.file || fileExists(f);
    host.readFile = (f) => (f === extra.file ? extra.text : readFile(f));
    host.getSourceFile = (f, v, ...rest) =>
      f === extra.file ? ts.createSourceFile(f, extra.text, v) : getSourceFile(f, v, ...rest);
  }
  const phoneFiles = config.fileNames.filter((f) => f.includes('/renderer/src/'));
  return ts.createProgram({ rootNames: extra ? [...phoneFiles, extra.file] : phoneFiles, options, host });
}

const isSafeHeaderList = (checker: ts.TypeChecker, type: ts.Type): boolean => {
  const element = checker.getIndexTypeOfType(checker.getNonNullableType(type), ts.IndexKind.Number);
  if (!element) return false;
  const brand = element.getProperty('__brand');
  return brand !== undefined && checker.typeToString(checker.getTypeOfSymbol(brand)) === '"SafeHeader"';
};

/** Every place a header list is named or passed, with whether its type is `SafeHeader[]`. */
function headerLists(program: ts.Program, only?: string): { where: string; safe: boolean }[] {
  const checker = program.getTypeChecker();
  const found: { where: string; safe: boolean }[] = [];
  for (const source of program.getSourceFiles()) {
    if (source.isDeclarationFile || !(only ? source.fileName === only : source.fileName.includes('/renderer/src/'))) continue;
    const visit = (node: ts.Node): void => {
      const at = () => {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        return `${source.fileName.replace(`${ROOT}/`, '')}:${line + 1}`;
      };
      const named =
        (ts.isPropertyAssignment(node) ||
          ts.isShorthandPropertyAssignment(node) ||
          ts.isParameter(node) ||
          ts.isPropertySignature(node) ||
          ts.isPropertyDeclaration(node) ||
          ts.isVariableDeclaration(node)) &&
        node.name !== undefined &&
        ts.isIdentifier(node.name) &&
        HEADER_NAMES.has(node.name.text);
      if (named) found.push({ where: at(), safe: isSafeHeaderList(checker, checker.getTypeAtLocation(node)) });
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 'setExtraHeaders'
      ) {
        const arg = node.arguments[0];
        found.push({ where: at(), safe: arg !== undefined && isSafeHeaderList(checker, checker.getTypeAtLocation(arg)) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('no code path can hand JsSIP an unchecked SIP header', () => {
  it('every header list in the renderer is SafeHeader[], made by sipHeader', () => {
    const lists = headerLists(rendererProgram());
    expect(lists.length).toBeGreaterThan(5);
    expect(lists.filter((l) => !l.safe).map((l) => l.where)).toEqual([]);
  }, 60_000);

  it('the check catches a plain string, a string[] parameter and a JsSIP constructor signature', () => {
    const file = join(ROOT, 'renderer/src/phone/__header-fixture.ts');
    const text = [
      "import { sipHeader, type SafeHeader } from './headers';",
      'declare const input: string;',
      'export const bad = { extraHeaders: [`X-Note: ${input}`] };',
      'export function badParam(extraHeaders: readonly string[]) { return extraHeaders; }',
      'export type BadCtor = new (method: string, extraHeaders: readonly string[]) => void;',
      "export const good = { extraHeaders: [sipHeader('X-Note', input)] };",
      'export function goodParam(extraHeaders: readonly SafeHeader[]) { return { extraHeaders: [...extraHeaders] }; }',
    ].join('\n');
    const lists = headerLists(rendererProgram({ file, text }), file);
    expect(lists.map((l) => `${l.where.split(':')[1]}:${l.safe}`)).toEqual([
      '3:false',
      '4:false',
      '5:false',
      '6:true',
      '7:true',
      '7:true',
    ]);
  }, 60_000);
});
