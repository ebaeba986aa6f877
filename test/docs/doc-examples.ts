/**
 * Finds the code examples of the documentation and turns each into a function the tests run.
 *
 * - Sources: every `@example` tag of a `/** … *\/` comment in `src/**\/*.ts`, followed by a ```` ```ts ````
 *   fenced block (the ` * ` margin stripped); named after the declaration the comment documents
 *   (`FechnerFlux.from`).
 * - Markdown (`README.md`, `docs/**.md`): every ```` ```ts ```` block (one fenced ```` ```ts not-run: <why> ```` is
 *   only compiled).
 *
 * An example is compiled (see {@link compileExample}) into the body of an async function:
 * `import … from 'muwclass'` / `'muwclass/<layer>'` / `'muwclass/node'` become reads of the source modules,
 * every export of the Node entry is in scope without an import, and the checks written as comments
 * (`// => value`, `// throws ErrorClass: fragment`, see `./checks.ts`) become calls of the check helpers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

import { transformSync } from 'esbuild';
import ts from 'typescript';

import { check, checkThrows, DocCheckError, parseExpected } from './checks';

/** One code example of the documentation. */
export interface DocExample {
  /** Project-relative path with `/` separators, e.g. `src/core/random.ts`, `README.md`. */
  readonly file: string;
  /** 1-based line of the `@example` tag (of the opening fence in Markdown). */
  readonly line: number;
  /** The documented declaration, e.g. `createRng`, `FechnerFlux.from`; `''` in Markdown. */
  readonly symbol: string;
  /** The code of the fenced block, margin stripped. */
  readonly code: string;
  /** 1-based file line of the first code line. */
  readonly codeLine: number;
  /** Set when the example cannot run as written (e.g. an `@example` without a ```` ```ts ```` block). */
  readonly problem?: string;
  /** Markdown only: why the block is not run (```` ```ts not-run: <why> ````); it is compiled, not run. */
  readonly notRun?: string;
}

/** The test name: `<file>:<line> <symbol>` (`README.md:<line>` in Markdown). */
export function exampleName(example: DocExample): string {
  return `${example.file}:${example.line}${example.symbol === '' ? '' : ` ${example.symbol}`}`;
}

const FENCE_OPEN = /^(\s*)```(?:ts|typescript)\s*$/;
const FENCE_CLOSE = /^\s*```\s*$/;
const SOURCE_LANGS = /^\s*```(\w*)/;

/** Every `.ts` file under `dir` (sorted, recursive). */
function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFiles(path));
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function posix(path: string): string {
  return path.split(sep).join('/');
}

/** The name of the declaration a doc comment documents, qualified by the declarations around it. */
function declarationName(node: ts.Node): string {
  const parts: string[] = [];
  for (let n: ts.Node | undefined = node; n !== undefined && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isVariableStatement(n)) {
      if (n === node) {
        const first = n.declarationList.declarations[0];
        if (first !== undefined && ts.isIdentifier(first.name)) parts.unshift(first.name.text);
      }
      continue;
    }
    if (ts.isConstructorDeclaration(n)) {
      parts.unshift('constructor');
      continue;
    }
    const name = (n as { name?: ts.Node }).name;
    if (name !== undefined && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name))) {
      parts.unshift(name.text);
    }
  }
  return parts.join('.');
}

/** The `@example` blocks of one TypeScript file. */
export function extractFileExamples(path: string, root: string): DocExample[] {
  const text = readFileSync(path, 'utf8');
  const file = posix(relative(root, path));
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  // Every `/** … */` comment, with the (outermost) node it is attached to.
  const docs = new Map<number, { end: number; node: ts.Node | undefined }>();
  const visit = (node: ts.Node): void => {
    for (const range of ts.getLeadingCommentRanges(text, node.pos) ?? []) {
      if (range.kind !== ts.SyntaxKind.MultiLineCommentTrivia || !text.startsWith('/**', range.pos)) continue;
      const attached = range.end <= node.getStart(source);
      if (!docs.has(range.pos)) docs.set(range.pos, { end: range.end, node: attached ? node : undefined });
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(source, visit);
  for (const range of ts.getLeadingCommentRanges(text, source.endOfFileToken.pos) ?? []) {
    if (!docs.has(range.pos) && text.startsWith('/**', range.pos)) docs.set(range.pos, { end: range.end, node: undefined });
  }

  const examples: DocExample[] = [];
  for (const [pos, { end, node }] of [...docs].sort((a, b) => a[0] - b[0])) {
    if (!text.slice(pos, end).includes('@example')) continue;
    const symbol = node === undefined ? '(no declaration)' : declarationName(node);
    const firstLine = source.getLineAndCharacterOfPosition(pos).line + 1;
    const lines = text.slice(pos, end).split('\n');
    let i = 0;
    while (i < lines.length) {
      if (!/(^|[\s*])@example\b/.test(lines[i]!)) {
        i++;
        continue;
      }
      const tagLine = firstLine + i;
      let found = 0;
      let j = i + 1;
      // The section runs to the next line that starts with a tag, or to the end of the comment.
      for (; j < lines.length && !/^\s*\*\s*@\w/.test(lines[j]!) && !/^\s*\*\/\s*$/.test(lines[j]!); j++) {
        const body = stripMargin(lines[j]!);
        if (!FENCE_OPEN.test(body)) {
          const other = SOURCE_LANGS.exec(body);
          if (other !== null && other[1] !== '' && found === 0) {
            examples.push({ file, line: tagLine, symbol, code: '', codeLine: firstLine + j, problem: `the @example's block is \`\`\`${other[1]}, not \`\`\`ts` });
            found++;
          }
          continue;
        }
        const code: string[] = [];
        let k = j + 1;
        for (; k < lines.length && !FENCE_CLOSE.test(stripMargin(lines[k]!)); k++) code.push(stripMargin(lines[k]!));
        const closed = k < lines.length;
        examples.push({
          file,
          line: found === 0 ? tagLine : firstLine + j,
          symbol,
          code: code.join('\n'),
          codeLine: firstLine + j + 1,
          ...(closed ? {} : { problem: 'the ```ts block is not closed' }),
        });
        found++;
        j = k;
      }
      if (found === 0) {
        examples.push({ file, line: tagLine, symbol, code: '', codeLine: tagLine, problem: 'an @example without a ```ts block' });
      }
      i = Math.max(j, i + 1);
    }
  }
  return examples;
}

/** A doc comment line without its ` * ` margin. */
function stripMargin(line: string): string {
  return line.replace(/^\s*\* ?/, '').replace(/\s*\*\/\s*$/, '');
}

/** The `@example` blocks of every `.ts` file under `<root>/src`. */
export function extractSourceExamples(root: string): DocExample[] {
  return tsFiles(join(root, 'src')).flatMap((path) => extractFileExamples(path, root));
}

/** A `// =>` or `// throws` comment anywhere in a line. */
const CHECK_COMMENT = /\/\/\s*(=>|throws\b)/;

/** The info string that keeps a ```` ```ts ```` block of a guide page from running: ```` ```ts not-run: <why> ````. */
const NOT_RUN = /^not-run:\s*(\S.*)$/;

/**
 * The ```` ```ts ```` blocks of a Markdown file. With `{ all: true }` (the guide and the README) every block runs
 * — a block fenced ```` ```ts not-run: <why> ```` is returned with `notRun` set to the reason (it is only
 * compiled) —; otherwise only the blocks that state a check (`// =>`, `// throws`).
 */
export function extractMarkdownExamples(path: string, root: string, options: { all?: boolean } = {}): DocExample[] {
  const file = posix(relative(root, path));
  const lines = readFileSync(path, 'utf8').split('\n');
  const examples: DocExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE_OPEN.exec(lines[i]!);
    if (open === null) continue;
    const indent = open[1]!.length;
    const info = lines[i]!.trim().replace(/^```ts\s*/, '');
    const code: string[] = [];
    let k = i + 1;
    for (; k < lines.length && !FENCE_CLOSE.test(lines[k]!); k++) code.push(lines[k]!.slice(Math.min(indent, lines[k]!.length - lines[k]!.trimStart().length)));
    if (options.all === true || code.some((l) => CHECK_COMMENT.test(l))) {
      const notRun = NOT_RUN.exec(info)?.[1];
      const problem = info !== '' && notRun === undefined ? `unknown info string \`${info}\` after \`\`\`ts (only \`not-run: <why>\`)` : undefined;
      examples.push({
        file,
        line: i + 1,
        symbol: '',
        code: code.join('\n'),
        codeLine: i + 2,
        ...(problem === undefined ? {} : { problem }),
        ...(notRun === undefined ? {} : { notRun }),
      });
    }
    i = k;
  }
  return examples;
}

/** The Markdown files whose every ```` ```ts ```` block runs: README.md and every `.md` under `docs/`. */
export function guideFiles(root: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith('.md') ? [join(dir, d.name)] : []));
  return [join(root, 'README.md'), ...walk(join(root, 'docs'))];
}

/** An example compiled to the body of an async function. */
export interface CompiledExample {
  /** JavaScript: the body of an async function; it reads the helpers {@link EXAMPLE_HELPERS} from its scope. */
  readonly body: string;
  /** The `../shared/data/…` files the example reads (relative to the shared data folder). */
  readonly sharedData: readonly string[];
  /** The number of `// =>` and `// throws` checks. */
  readonly checks: number;
}

/** The names of the helpers a compiled example calls (arguments of its function, after the API). */
export const EXAMPLE_HELPERS = ['__check', '__throws', '__import', '__at', '__sharedData'] as const;

/** The problems found while compiling an example (each names the file line). */
export class ExampleSyntaxError extends Error {
  override name = 'ExampleSyntaxError';
}

interface Marker {
  readonly kind: 'value' | 'throws';
  /** 0-based line in the example. */
  readonly line: number;
  readonly ownLine: boolean;
  /** The value source (`value`), or the error class (`throws`). */
  readonly text: string;
  readonly fragment?: string;
  used: boolean;
}

const VALUE_MARKER = /^\/\/\s*=>(.*)$/;
const THROWS_MARKER = /^\/\/\s*throws\s+([A-Z][\w$]*)\s*(?::\s*(.*?))?\s*$/;
const THROWS_LIKE = /^\/\/\s*throws\b/;

/**
 * Compiles an example: checks → helper calls, imports → reads of the source modules, `../shared/data/…`
 * paths → the shared data folder, TypeScript → JavaScript (esbuild). Throws an {@link ExampleSyntaxError}
 * naming the file line of the first problem.
 */
export function compileExample(example: DocExample): CompiledExample {
  const where = (line0: number): string => `${example.file}:${example.codeLine + line0}`;
  // Shared data paths: read through __sharedData (so $MUWCLASS_SHARED_DATA applies); lines unchanged.
  const sharedData: string[] = [];
  const code = example.code.replace(/(['"`])\.\.\/shared\/data\/([^'"`\n]+)\1/g, (_m, _q, rel: string) => {
    sharedData.push(rel);
    return `__sharedData(${JSON.stringify(rel)})`;
  });
  const source = ts.createSourceFile('example.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const lineOf = (pos: number): number => source.getLineAndCharacterOfPosition(pos).line;
  const diagnostics = (source as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  if (diagnostics.length > 0) {
    const d = diagnostics[0]!;
    throw new ExampleSyntaxError(`${where(lineOf(d.start))}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  }

  // Every `//` comment, in order.
  const seen = new Set<number>();
  const comments: { pos: number; end: number }[] = [];
  const collect = (ranges: ts.CommentRange[] | undefined): void => {
    for (const r of ranges ?? []) {
      if (r.kind === ts.SyntaxKind.SingleLineCommentTrivia && !seen.has(r.pos)) {
        seen.add(r.pos);
        comments.push(r);
      }
    }
  };
  // Every comment is leading or trailing trivia of some token (getChildren lists the punctuation too).
  const visit = (node: ts.Node): void => {
    const children = node.getChildren(source);
    if (children.length === 0) {
      collect(ts.getLeadingCommentRanges(code, node.pos));
      collect(ts.getTrailingCommentRanges(code, node.end));
    }
    for (const child of children) visit(child);
  };
  visit(source);
  comments.sort((a, b) => a.pos - b.pos);

  const lineStarts = source.getLineStarts();
  const isOwnLine = (pos: number): boolean => code.slice(lineStarts[lineOf(pos)]!, pos).trim() === '';
  const markers: Marker[] = [];
  for (let c = 0; c < comments.length; c++) {
    const { pos, end } = comments[c]!;
    const comment = code.slice(pos, end);
    const line = lineOf(pos);
    const value = VALUE_MARKER.exec(comment);
    if (value !== null) {
      // A value that does not parse yet continues on the following own-line comments.
      let text = value[1]!;
      let next = c + 1;
      let error: unknown;
      for (;;) {
        try {
          parseExpected(text);
          error = undefined;
          break;
        } catch (e) {
          error = e;
        }
        const following = comments[next];
        if (
          following === undefined ||
          lineOf(following.pos) !== lineOf(comments[next - 1]!.pos) + 1 ||
          !isOwnLine(following.pos) ||
          VALUE_MARKER.test(code.slice(following.pos, following.end)) ||
          THROWS_LIKE.test(code.slice(following.pos, following.end))
        ) {
          break;
        }
        text += `\n${code.slice(following.pos + 2, following.end)}`;
        next++;
      }
      if (error !== undefined) throw new ExampleSyntaxError(`${where(line)}: ${(error as Error).message}`);
      markers.push({ kind: 'value', line, ownLine: isOwnLine(pos), text: text.trim(), used: false });
      c = next - 1;
      continue;
    }
    const thrown = THROWS_MARKER.exec(comment);
    if (thrown !== null) {
      markers.push({ kind: 'throws', line, ownLine: isOwnLine(pos), text: thrown[1]!, ...(thrown[2] ? { fragment: thrown[2] } : {}), used: false });
    } else if (THROWS_LIKE.test(comment)) {
      throw new ExampleSyntaxError(`${where(line)}: \`${comment}\`: write \`// throws ErrorClass\` or \`// throws ErrorClass: message fragment\``);
    }
  }

  // Each statement at the top level: `__at(line);` first, then the statement, rewritten when checked.
  // A check belongs to the statement (at any depth) that ends last on its line (a comment after the code) or
  // on the line before (a comment on its own line); of nested statements ending there, the innermost.
  const statements: { node: ts.Statement; depth: number }[] = [];
  const walk = (node: ts.Node, depth: number): void => {
    if (isStatement(node)) statements.push({ node, depth });
    ts.forEachChild(node, (child) => walk(child, depth + 1));
  };
  for (const statement of source.statements) walk(statement, 0);
  const checked = new Map<ts.Statement, Marker>();
  for (const marker of markers) {
    const target = marker.ownLine ? marker.line - 1 : marker.line;
    let best: { node: ts.Statement; depth: number } | undefined;
    for (const candidate of statements) {
      const { node } = candidate;
      if (lineOf(node.end) !== target || ts.isImportDeclaration(node) || ts.isBlock(node)) continue;
      if (best === undefined || node.end > best.node.end || (node.end === best.node.end && candidate.depth > best.depth)) best = candidate;
    }
    if (best === undefined) continue;
    if (checked.has(best.node)) throw new ExampleSyntaxError(`${where(marker.line)}: a second check for one statement`);
    marker.used = true;
    checked.set(best.node, marker);
  }
  const orphan = markers.find((m) => !m.used);
  if (orphan !== undefined) {
    throw new ExampleSyntaxError(
      `${where(orphan.line)}: a \`// ${orphan.kind === 'value' ? '=>' : 'throws'}\` check must end the last line of a statement or stand on the line after it`,
    );
  }

  const edits: { start: number; end: number; text: string }[] = [];
  for (const [statement, marker] of checked) {
    const start = statement.getStart(source);
    const original = code.slice(start, statement.end);
    const site = JSON.stringify(where(marker.line));
    let text: string;
    if (marker.kind === 'throws') {
      const fragment = marker.fragment === undefined ? 'undefined' : JSON.stringify(marker.fragment);
      text = `await __throws(async () => { ${original} \n}, ${JSON.stringify(marker.text)}, ${fragment}, ${site});`;
    } else if (ts.isExpressionStatement(statement)) {
      text = `__check((${statement.expression.getText(source)}), ${JSON.stringify(marker.text)}, ${site});`;
    } else if (
      ts.isVariableStatement(statement) &&
      statement.declarationList.declarations.length === 1 &&
      ts.isIdentifier(statement.declarationList.declarations[0]!.name)
    ) {
      const name = (statement.declarationList.declarations[0]!.name as ts.Identifier).text;
      text = `${original}${original.trimEnd().endsWith(';') ? '' : ';'} __check(${name}, ${JSON.stringify(marker.text)}, ${site});`;
    } else {
      throw new ExampleSyntaxError(`${where(marker.line)}: a \`// =>\` check needs an expression statement or \`const name = …\``);
    }
    edits.push({ start, end: statement.end, text });
  }
  // Each top-level statement first records its line (`__at`), for the message of an unexpected error.
  for (const statement of source.statements) {
    const start = statement.getStart(source);
    const at = `__at(${JSON.stringify(where(lineOf(start)))}); `;
    if (ts.isImportDeclaration(statement)) edits.push({ start, end: statement.end, text: at + importToRead(statement, source) });
    else edits.push({ start, end: start, text: at });
  }
  // Apply from the end; at one position the replacement first, then the insertion before it.
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  let rewritten = code;
  let limit = Infinity;
  for (const e of edits) {
    if (e.end > limit) throw new ExampleSyntaxError(`${where(lineOf(e.start))}: checks nested in a checked statement`);
    rewritten = rewritten.slice(0, e.start) + e.text + rewritten.slice(e.end);
    limit = e.start;
  }

  let body: string;
  try {
    body = transformSync(rewritten, { loader: 'ts', format: 'esm', target: 'es2022', sourcefile: example.file }).code;
  } catch (e) {
    throw new ExampleSyntaxError(`${where(0)}: ${(e as Error).message}`);
  }
  return { body, sharedData, checks: markers.length };
}

/** Whether a node is a statement (what a check can belong to). */
function isStatement(node: ts.Node): node is ts.Statement {
  return ts.isExpressionStatement(node) || ts.isVariableStatement(node) || ts.isForOfStatement(node) || ts.isForStatement(node) ||
    ts.isForInStatement(node) || ts.isIfStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node) ||
    ts.isReturnStatement(node) || ts.isThrowStatement(node) || ts.isTryStatement(node) || ts.isBlock(node) ||
    ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isImportDeclaration(node) || ts.isSwitchStatement(node) ||
    ts.isLabeledStatement(node) || ts.isEmptyStatement(node);
}

/** `import { a, b as c } from 'x'` → `const { a, b: c } = await __import('x');` (type-only parts dropped). */
function importToRead(statement: ts.ImportDeclaration, source: ts.SourceFile): string {
  const spec = JSON.stringify((statement.moduleSpecifier as ts.StringLiteral).text);
  const clause = statement.importClause;
  if (clause === undefined) return `await __import(${spec});`;
  if (clause.isTypeOnly) return '';
  const parts: string[] = [];
  if (clause.name !== undefined) parts.push(`const ${clause.name.text} = (await __import(${spec})).default;`);
  const bindings = clause.namedBindings;
  if (bindings !== undefined && ts.isNamespaceImport(bindings)) parts.push(`const ${bindings.name.text} = await __import(${spec});`);
  if (bindings !== undefined && ts.isNamedImports(bindings)) {
    const names = bindings.elements
      .filter((e) => !e.isTypeOnly)
      .map((e) => (e.propertyName === undefined ? e.name.text : `${e.propertyName.getText(source)}: ${e.name.text}`));
    parts.push(names.length > 0 ? `const { ${names.join(', ')} } = await __import(${spec});` : `await __import(${spec});`);
  }
  return parts.join(' ');
}

/** Where a running example finds modules and data. */
export interface ExampleEnvironment {
  /** The values in scope without an import (the exports of the Node entry). */
  readonly scope: Readonly<Record<string, unknown>>;
  /** What `import … from specifier` in `file` reads. */
  importModule(specifier: string, file: string): Promise<unknown>;
  /** The absolute path of a file of the shared data folder. */
  sharedData(relativePath: string): string;
  /** Replaces the `// =>` check (e.g. to print the values while writing examples). */
  readonly check?: (actual: unknown, expectedSource: string, where: string) => void;
}

// Names that cannot be a parameter of a strict-mode function.
const NOT_PARAMETERS = new Set(
  (
    'arguments await break case catch class const continue debugger default delete do else enum eval export extends false ' +
    'finally for function if implements import in instanceof interface let new null package private protected public return ' +
    'static super switch this throw true try typeof var void while with yield'
  ).split(' '),
);

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>;

/**
 * Runs a compiled example as the body of an async function whose parameters are the exports in scope and the
 * check helpers. A failed check throws a `DocCheckError` naming its line; any other error is rethrown with
 * the line of the top-level statement that was running.
 */
export async function runExample(example: DocExample, compiled: CompiledExample, env: ExampleEnvironment): Promise<void> {
  const names = Object.keys(env.scope).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && !NOT_PARAMETERS.has(n) && !n.startsWith('__'));
  let location = `${example.file}:${example.codeLine}`;
  const helpers: Record<(typeof EXAMPLE_HELPERS)[number], unknown> = {
    __check: env.check ?? check,
    __throws: checkThrows,
    __import: (specifier: string) => env.importModule(specifier, example.file),
    __at: (where: string) => {
      location = where;
    },
    __sharedData: (relativePath: string) => env.sharedData(relativePath),
  };
  const run = new AsyncFunction(...names, ...EXAMPLE_HELPERS, `'use strict';\n{\n${compiled.body}\n}`);
  try {
    await run(...names.map((n) => env.scope[n]), ...EXAMPLE_HELPERS.map((h) => helpers[h]));
  } catch (e) {
    if (e instanceof DocCheckError) throw e;
    const error = e instanceof Error ? e : new Error(String(e));
    const wrapped = new Error(`${location}: the example threw ${error.name}: ${error.message}`, { cause: error });
    wrapped.stack = `${wrapped.message}\n${(error.stack ?? '').split('\n').slice(1).join('\n')}`;
    throw wrapped;
  }
}
