/** The doc-example conventions themselves: value literals, precision, `// throws`, the rewriting and the extraction. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { check, checkThrows, matchExpected, numberTolerance, parseExpected } from './checks';
import {
  compileExample,
  type DocExample,
  exampleName,
  type ExampleEnvironment,
  extractFileExamples,
  extractMarkdownExamples,
  runExample,
} from './doc-examples';

const matches = (actual: unknown, expected: string): boolean => matchExpected(actual, parseExpected(expected)) === undefined;

describe('numbers compare to the precision written', () => {
  it.each([
    ['0.7416', 0.74156, true],
    ['0.7416', 0.74164, true],
    ['0.7416', 0.74166, false],
    ['6.851e21', 6.8514e21, true],
    ['6.851e21', 6.8516e21, false],
    ['-0.30103', -0.3010299956639812, true],
    ['20000.0', 19999.999999999996, true],
    ['0.333…', 0.33333333, true],
    ['0.666…', 0.6666667, true],
    ['0.666…', 0.6677, false],
  ])('%s vs %d → %s', (expected, actual, ok) => {
    expect(matches(actual, expected)).toBe(ok);
  });

  it('integers without a point or exponent, and literals of 15+ significant digits, are exact', () => {
    expect(numberTolerance('29')).toBe(0);
    expect(numberTolerance('20000')).toBe(0);
    expect(numberTolerance('0.7415648787841201')).toBe(0);
    expect(numberTolerance('0.123456789012345')).toBe(0);
    expect(numberTolerance('0.12345678901234')).toBeCloseTo(0.5e-14, 25);
    expect(matches(19999.999999999996, '20000')).toBe(false);
    expect(matches(0.1 + 0.2, '0.30000000000000004')).toBe(true);
    expect(matches(0.1 + 0.2, '0.3000000000000001')).toBe(false);
    expect(matches(-0, '0')).toBe(true);
  });
});

describe('value literals', () => {
  it('NaN, undefined, null, booleans, strings, Infinity', () => {
    expect(matches(NaN, 'NaN')).toBe(true);
    expect(matches(0, 'NaN')).toBe(false);
    expect(matches(undefined, 'undefined')).toBe(true);
    expect(matches(null, 'null')).toBe(true);
    expect(matches(null, 'undefined')).toBe(false);
    expect(matches(true, 'true')).toBe(true);
    expect(matches('AGN', "'AGN'")).toBe(true);
    expect(matches('AGN', '"AGN"')).toBe(true);
    expect(matches(-Infinity, '-Infinity')).toBe(true);
  });

  it('arrays match arrays and typed arrays; `Float64Array [..]` requires the class', () => {
    expect(matches(Float64Array.of(3, 4), '[3, 4]')).toBe(true);
    expect(matches(Float64Array.of(3, 4), 'Float64Array [3, 4]')).toBe(true);
    expect(matches([3, 4], 'Float64Array [3, 4]')).toBe(false);
    expect(matches(Int32Array.of(3, 4), 'Float64Array [3, 4]')).toBe(false);
    expect(matches(new Float64Array(0), 'Float64Array []')).toBe(true);
    expect(matches([3], '[3, 4]')).toBe(false);
  });

  it('objects match key by key: no key missing, no other defined key', () => {
    expect(matches({ mean: 1.5, sigma: 0.7071067811865476, n: 2 }, '{ mean: 1.5, sigma: 0.7071, n: 2 }')).toBe(true);
    expect(matches({ a: 1, b: undefined }, '{ a: 1 }')).toBe(true);
    expect(matches({ a: 1, b: 2 }, '{ a: 1 }')).toBe(false);
    expect(matches({ a: 1 }, '{ a: 1, b: 2 }')).toBe(false);
    expect(matches({ data: Float64Array.of(1, 2), nRows: 1, nCols: 2 }, '{ data: Float64Array [1, 2], nRows: 1, nCols: 2 }')).toBe(true);
    expect(matches({ 'P_HM-STAR': 0.5 }, "{ 'P_HM-STAR': 0.5 }")).toBe(true);
  });

  it('a note in parentheses may follow the value', () => {
    expect(matches(6.851e21, '6.851e21 (cm⁻²)')).toBe(true);
    expect(matches([1, 2], '[1, 2] (the first two (of many))')).toBe(true);
  });

  it('anything but a literal is refused', () => {
    expect(() => parseExpected('2 + 3')).toThrow(/not a literal/);
    expect(() => parseExpected('Math.PI')).toThrow(/not a literal/);
    expect(() => parseExpected('{ a }')).toThrow(/not a literal/);
    expect(() => parseExpected('')).toThrow(/needs a value/);
  });

  it('check throws a message naming the line and the difference', () => {
    expect(() => check(0.6789, '0.7416', 'src/core/random.ts:29')).toThrow(
      'src/core/random.ts:29: `// => 0.7416`: expected 0.7416 (±0.00005, the written precision), got 0.6789',
    );
    expect(() => check({ a: [1, 2] }, '{ a: [1, 3] }', 'x.ts:1')).toThrow(/got 2 at \.a\[1\]/);
  });
});

describe('// throws', () => {
  class DemoError extends RangeError {
    override name = 'DemoError';
  }
  it('matches the name, the class or a class it extends, and the message fragment', async () => {
    await expect(checkThrows(() => { throw new DemoError('bad k'); }, 'DemoError', 'bad', 'x.ts:1')).resolves.toBeUndefined();
    await expect(checkThrows(() => { throw new DemoError('bad k'); }, 'RangeError', undefined, 'x.ts:1')).resolves.toBeUndefined();
    await expect(checkThrows(async () => { throw new DemoError('bad k'); }, 'Error', undefined, 'x.ts:1')).resolves.toBeUndefined();
    await expect(checkThrows(() => { throw new DemoError('bad k'); }, 'TypeError', undefined, 'x.ts:1')).rejects.toThrow(/got DemoError: bad k/);
    await expect(checkThrows(() => { throw new DemoError('bad k'); }, 'DemoError', 'good', 'x.ts:1')).rejects.toThrow(/the message is "bad k"/);
    await expect(checkThrows(() => 1, 'DemoError', undefined, 'x.ts:1')).rejects.toThrow(/nothing was thrown/);
  });
});

describe('compiling and running an example', () => {
  const example = (code: string): DocExample => ({ file: 'src/demo.ts', line: 10, symbol: 'demo', code, codeLine: 12 });
  const env: ExampleEnvironment = {
    scope: { double: (x: number) => 2 * x, fail: () => { throw new RangeError('no'); } },
    importModule: async (specifier) => (specifier === 'muwclass' ? { triple: (x: number) => 3 * x } : import(specifier)),
    sharedData: (p) => `/data/${p}`,
  };
  const run = (code: string): Promise<void> => runExample(example(code), compileExample(example(code)), env);

  it('checks trailing and own-line values, declarations, loops and imports', async () => {
    await run(
      [
        "import { triple } from 'muwclass';",
        "import type { Something } from 'muwclass';",
        'double(2); // => 4',
        'const x: number = triple(2); // => 6',
        'double(',
        '  3,',
        '); // => 6',
        'double(0.5);',
        '// => 1.0',
        'for (const v of [1, 1]) double(v); // => 2',
        "fail(); // throws RangeError: no",
        "'../shared/data/td/x.csv'; // => '/data/td/x.csv'",
        '[{ a: 1 },',
        ' { a: 2 }]; // => [{ a: 1 },',
        '//                { a: 2 }]',
      ].join('\n'),
    );
  });

  it('a wrong value fails with the file line', async () => {
    await expect(run('double(2);\ndouble(3); // => 7')).rejects.toThrow('src/demo.ts:13: `// => 7`: expected exactly 7, got 6');
  });

  it('an unexpected error names the statement that threw', async () => {
    await expect(run('double(1);\nfail();')).rejects.toThrow('src/demo.ts:13: the example threw RangeError: no');
  });

  it('a misplaced or malformed check does not compile', () => {
    expect(() => compileExample(example('double(\n  2, // => 4\n);'))).toThrow(/src\/demo.ts:13: a `\/\/ =>` check must end/);
    expect(() => compileExample(example('fail(); // throws: no'))).toThrow(/write `\/\/ throws ErrorClass`/);
    expect(() => compileExample(example('double(1); // => 2 +'))).toThrow(/not a literal/);
    expect(() => compileExample(example('double(1); // => 2\n// => 2'))).toThrow(/a second check/);
  });
});

describe('extraction', () => {
  const root = mkdtempSync(join(tmpdir(), 'muwclass-doc-examples-'));
  writeFileSync(
    join(root, 'demo.ts'),
    [
      '/**',
      ' * Doubles.',
      ' *',
      ' * @example',
      ' * ```ts',
      ' * double(2); // => 4',
      ' * ```',
      ' */',
      'export function double(x: number): number {',
      '  return 2 * x;',
      '}',
      '',
      'export class Box {',
      '  /**',
      '   * @example',
      '   * ```ts',
      '   * Box.make().size; // => 0',
      '   * ```',
      '   */',
      '  static make(): Box {',
      '    return new Box();',
      '  }',
      '}',
      '',
      '/** Shapes. * @example',
      ' * ```ts',
      " * shapes.square(2); // => 4",
      ' * ```',
      ' */',
      'export const shapes = {',
      '  /**',
      '   * @example',
      '   * ```js',
      '   * shapes.circle(1);',
      '   * ```',
      '   */',
      '  circle: (r: number) => Math.PI * r * r,',
      '  square: (a: number) => a * a,',
      '};',
      '',
      '/** @example double(1); */',
      'export const noFence = 1;',
    ].join('\n'),
  );
  writeFileSync(
    join(root, 'README.md'),
    ['# Demo', '', '```ts', 'double(2); // => 4', '```', '', '```ts', "import { double } from 'muwclass';", '```', '', '```sh', 'npm test', '```'].join('\n'),
  );

  it('finds @example blocks with file, line, declaration, code and problems', () => {
    const found = extractFileExamples(join(root, 'demo.ts'), root);
    expect(found.map((e) => [exampleName(e), e.codeLine, e.code, e.problem])).toEqual([
      ['demo.ts:4 double', 6, 'double(2); // => 4', undefined],
      ['demo.ts:15 Box.make', 17, 'Box.make().size; // => 0', undefined],
      ['demo.ts:25 shapes', 27, 'shapes.square(2); // => 4', undefined],
      ['demo.ts:32 shapes.circle', 33, '', 'the @example\'s block is ```js, not ```ts'],
      ['demo.ts:41 noFence', 41, '', 'an @example without a ```ts block'],
    ]);
  });

  it('takes the ```ts blocks of Markdown that state a check', () => {
    const found = extractMarkdownExamples(join(root, 'README.md'), root);
    expect(found.map((e) => [exampleName(e), e.codeLine, e.code])).toEqual([['README.md:3', 4, 'double(2); // => 4']]);
  });
});
