/**
 * The checks a doc example states in comments, as the doc-example tests run them:
 *
 * - `expr; // => value` — `expr` deep-equals `value` (see {@link parseExpected} for what `value` may be and
 *   {@link matchExpected} for how it is compared);
 * - `stmt; // throws ErrorClass` or `// throws ErrorClass: message fragment` — `stmt` throws (or rejects with)
 *   an error of that class (its `name`, or the name of its class or of a class it extends) whose message
 *   contains the fragment.
 *
 * {@link check} and {@link checkThrows} are what the rewritten example calls.
 */
import { inspect } from 'node:util';

import ts from 'typescript';

/** A failed doc-example check (its message starts with `file:line`). */
export class DocCheckError extends Error {
  override name = 'DocCheckError';
}

/** What a `// => value` literal describes. */
export type Expected =
  | { kind: 'number'; value: number; text: string; tolerance: number } // tolerance 0: exact
  | { kind: 'nan' }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'undefined' }
  | { kind: 'array'; items: Expected[]; typed?: string }
  | { kind: 'object'; entries: [string, Expected][] };

const TYPED_ARRAYS = new Set([
  'Float32Array',
  'Float64Array',
  'Int8Array',
  'Int16Array',
  'Int32Array',
  'Uint8Array',
  'Uint16Array',
  'Uint32Array',
  'Uint8ClampedArray',
]);

/**
 * The tolerance a number literal is compared with: `0` (exact) for an integer written without a decimal
 * point or exponent (`29`, `0`, `20000`) and for a literal with 15 or more significant digits; otherwise
 * half a unit in the last written digit (`0.7416` → 0.00005, `6.851e21` → 0.0005e21, `20000.0` → 0.05), or
 * one unit when the digits end with `…` (`0.333…`: the value starts 0.333 or rounds to it).
 */
export function numberTolerance(text: string, truncated = false): number {
  const clean = text.replace(/_/g, '');
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(clean);
  if (m === null) return 0; // 0x…, 0b…, 0o…: exact
  const [, intPart = '', frac, exp] = m;
  const significant = (intPart + (frac ?? '')).replace(/^0+/, '').length;
  if (significant >= 15) return 0;
  if (frac === undefined && exp === undefined && !truncated) return 0;
  const lastPlace = 10 ** (Number(exp ?? 0) - (frac ?? '').length);
  return truncated ? lastPlace : lastPlace / 2;
}

/**
 * Parses the value of a `// => value` check: a JavaScript literal — number (with `-`), `NaN`, `Infinity`,
 * string, `true`/`false`, `null`, `undefined`, array, object with plain keys — where an array may be
 * written `Float64Array [1, 2]` (any typed array class: then the value must be of that class; a plain
 * `[1, 2]` matches an array or any typed array) and a number may end in `…`. A note in parentheses may follow
 * the value: `// => 6.851e21 (cm⁻²)`. Throws a `SyntaxError` naming the problem otherwise.
 */
export function parseExpected(source: string): Expected {
  const text = source.trim();
  const { value, note } = splitNote(text);
  if (value === '') throw new SyntaxError(`\`// =>\` needs a value${note === '' ? '' : ` before the note ${note}`}`);
  return parseLiteral(value);
}

/** Splits `value (note)` at the first `(` outside brackets and strings (a literal never holds a `(`). */
function splitNote(text: string): { value: string; note: string } {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, true, ts.LanguageVariant.Standard, text);
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.OpenParenToken) {
      const at = scanner.getTokenStart();
      if (!text.trimEnd().endsWith(')')) break;
      return { value: text.slice(0, at).trim(), note: text.slice(at).trim() };
    }
  }
  return { value: text, note: '' };
}

function parseLiteral(text: string): Expected {
  // Mark `Float64Array [` (blank the class name) and `1.23…` (blank the ellipsis), keeping positions.
  const typedAt = new Map<number, string>();
  const truncatedEnds = new Set<number>();
  const units = text.split(''); // UTF-16 code units, as the scanner's positions
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, true, ts.LanguageVariant.Standard, text);
  let prev: { kind: ts.SyntaxKind; start: number; end: number; text: string } | undefined;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const start = scanner.getTokenStart();
    const end = scanner.getTokenEnd();
    if (kind === ts.SyntaxKind.OpenBracketToken && prev?.kind === ts.SyntaxKind.Identifier && TYPED_ARRAYS.has(prev.text)) {
      for (let i = prev.start; i < prev.end; i++) units[i] = ' ';
      typedAt.set(start, prev.text);
    }
    if (kind === ts.SyntaxKind.Unknown && text.slice(start, end) === '…' && prev?.kind === ts.SyntaxKind.NumericLiteral && prev.end === start) {
      units[start] = ' ';
      truncatedEnds.add(start);
    }
    prev = { kind, start, end, text: scanner.getTokenText() };
  }
  const blanked = units.join('');
  const file = ts.createSourceFile('expected.ts', `(${blanked}\n)`, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const diagnostics = (file as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  if (diagnostics.length > 0 || file.statements.length !== 1) {
    const first = diagnostics[0];
    throw new SyntaxError(`\`${text}\` is not a literal${first ? `: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')}` : ''}`);
  }
  const statement = file.statements[0]!;
  if (!ts.isExpressionStatement(statement) || !ts.isParenthesizedExpression(statement.expression)) {
    throw new SyntaxError(`\`${text}\` is not a literal`);
  }
  // Positions in `file` are shifted by the added `(`.
  const convert = (node: ts.Expression): Expected => {
    const fail = (): never => {
      throw new SyntaxError(`\`${text}\` is not a literal: \`${node.getText(file).trim()}\` is not allowed in a \`// =>\` value`);
    };
    if (ts.isParenthesizedExpression(node)) return fail();
    if (ts.isNumericLiteral(node)) {
      const truncated = truncatedEnds.has(node.end - 1);
      return { kind: 'number', value: Number(node.text), text: node.getText(file), tolerance: numberTolerance(node.getText(file), truncated) };
    }
    if (ts.isPrefixUnaryExpression(node) && (node.operator === ts.SyntaxKind.MinusToken || node.operator === ts.SyntaxKind.PlusToken)) {
      const inner = convert(node.operand);
      if (inner.kind !== 'number') return fail();
      const sign = node.operator === ts.SyntaxKind.MinusToken ? -1 : 1;
      return { ...inner, value: sign * inner.value, text: (sign < 0 ? '-' : '') + inner.text };
    }
    if (ts.isIdentifier(node)) {
      if (node.text === 'NaN') return { kind: 'nan' };
      if (node.text === 'Infinity') return { kind: 'number', value: Infinity, text: 'Infinity', tolerance: 0 };
      if (node.text === 'undefined') return { kind: 'undefined' };
      return fail();
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { kind: 'string', value: node.text };
    if (node.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'boolean', value: true };
    if (node.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'boolean', value: false };
    if (node.kind === ts.SyntaxKind.NullKeyword) return { kind: 'null' };
    if (ts.isArrayLiteralExpression(node)) {
      const items = node.elements.map((e) => (ts.isSpreadElement(e) || ts.isOmittedExpression(e) ? fail() : convert(e)));
      const typed = typedAt.get(node.getStart(file) - 1);
      return typed === undefined ? { kind: 'array', items } : { kind: 'array', items, typed };
    }
    if (ts.isObjectLiteralExpression(node)) {
      const entries: [string, Expected][] = [];
      for (const p of node.properties) {
        if (!ts.isPropertyAssignment(p)) return fail();
        const key = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name) ? p.name.text : fail();
        entries.push([key, convert(p.initializer)]);
      }
      return { kind: 'object', entries };
    }
    return fail();
  };
  return convert(statement.expression.expression);
}

/** `actual` formatted for a message. */
export function show(actual: unknown): string {
  return inspect(actual, { depth: 6, breakLength: Infinity, maxArrayLength: 20, maxStringLength: 200 });
}

function isTypedArray(x: unknown): x is ArrayLike<unknown> & { constructor: { name: string } } {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

/**
 * Compares `actual` with what a `// => value` literal describes; returns `undefined` when it matches, else
 * where and how it differs. Numbers compare within their {@link numberTolerance}; `NaN` matches `NaN`;
 * arrays match element by element (a plain array also matches a typed array); objects match key by key,
 * reading the expected keys through property access (getters count) and allowing no other own enumerable
 * key with a defined value.
 */
export function matchExpected(actual: unknown, expected: Expected, path = ''): string | undefined {
  const at = path === '' ? '' : ` at ${path}`;
  const got = `${show(actual)}${at}`;
  switch (expected.kind) {
    case 'number': {
      if (typeof actual !== 'number') return `expected the number ${expected.text}, got ${got}`;
      if (expected.tolerance === 0) return actual === expected.value ? undefined : `expected exactly ${expected.text}, got ${got}`;
      return Math.abs(actual - expected.value) <= expected.tolerance * (1 + 1e-9)
        ? undefined
        : `expected ${expected.text} (±${expected.tolerance.toPrecision(1)}, the written precision), got ${got}`;
    }
    case 'nan':
      return typeof actual === 'number' && Number.isNaN(actual) ? undefined : `expected NaN, got ${got}`;
    case 'string':
    case 'boolean':
      return actual === expected.value ? undefined : `expected ${show(expected.value)}, got ${got}`;
    case 'null':
      return actual === null ? undefined : `expected null, got ${got}`;
    case 'undefined':
      return actual === undefined ? undefined : `expected undefined, got ${got}`;
    case 'array': {
      if (expected.typed !== undefined) {
        if (!isTypedArray(actual) || actual.constructor.name !== expected.typed) return `expected a ${expected.typed}, got ${got}`;
      } else if (!Array.isArray(actual) && !isTypedArray(actual)) {
        return `expected an array, got ${got}`;
      }
      const list = actual as ArrayLike<unknown>;
      if (list.length !== expected.items.length) return `expected ${expected.items.length} elements, got ${list.length}: ${got}`;
      for (let i = 0; i < list.length; i++) {
        const problem = matchExpected(list[i], expected.items[i]!, `${path}[${i}]`);
        if (problem !== undefined) return problem;
      }
      return undefined;
    }
    case 'object': {
      if (typeof actual !== 'object' || actual === null || Array.isArray(actual) || isTypedArray(actual)) {
        return `expected an object, got ${got}`;
      }
      const record = actual as Record<string, unknown>;
      const keys = new Set(expected.entries.map(([k]) => k));
      for (const [key, value] of expected.entries) {
        const sub = `${path}.${key}`;
        if (!(key in record) && value.kind !== 'undefined') return `missing key ${key}${at}: got ${show(actual)}`;
        const problem = matchExpected(record[key], value, sub);
        if (problem !== undefined) return problem;
      }
      const extra = Object.keys(record).filter((k) => !keys.has(k) && record[k] !== undefined);
      if (extra.length > 0) return `unexpected key${extra.length > 1 ? 's' : ''} ${extra.join(', ')}${at}: got ${show(actual)}`;
      return undefined;
    }
  }
}

/** The `// => value` check: throws a {@link DocCheckError} starting with `where` unless `actual` matches. */
export function check(actual: unknown, expectedSource: string, where: string): void {
  let expected: Expected;
  try {
    expected = parseExpected(expectedSource);
  } catch (e) {
    throw new DocCheckError(`${where}: ${(e as Error).message}`);
  }
  const problem = matchExpected(actual, expected);
  if (problem !== undefined) throw new DocCheckError(`${where}: \`// => ${expectedSource.trim()}\`: ${problem}`);
}

/** The names an error answers to: its `name` and the names of its class and the classes that one extends. */
export function errorNames(error: unknown): string[] {
  const names: string[] = [];
  if (typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string') {
    names.push((error as { name: string }).name);
  }
  for (let p = error === null || error === undefined ? null : Object.getPrototypeOf(error); p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    const ctor = (p as { constructor?: { name?: string } }).constructor;
    if (typeof ctor?.name === 'string' && ctor.name !== '') names.push(ctor.name);
  }
  return names;
}

/**
 * The `// throws ErrorClass: fragment` check: `run` (the statement) must throw or reject with an error that
 * answers to `errorClass` (see {@link errorNames}) and whose message contains `fragment` (when given).
 */
export async function checkThrows(run: () => unknown, errorClass: string, fragment: string | undefined, where: string): Promise<void> {
  const said = `\`// throws ${errorClass}${fragment === undefined ? '' : `: ${fragment}`}\``;
  let error: unknown;
  let threw = false;
  try {
    await run();
  } catch (e) {
    threw = true;
    error = e;
  }
  if (!threw) throw new DocCheckError(`${where}: ${said}: nothing was thrown`);
  const names = errorNames(error);
  const message = error instanceof Error ? error.message : String(error);
  if (!names.includes(errorClass)) {
    throw new DocCheckError(`${where}: ${said}: got ${names[0] ?? typeof error}: ${message}`);
  }
  if (fragment !== undefined && !message.includes(fragment)) {
    throw new DocCheckError(`${where}: ${said}: the message is ${JSON.stringify(message)}`);
  }
}
