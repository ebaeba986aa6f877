import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

import { consumerProject, requireDist } from '../helpers/dist';

/** Bundles `source` (an ES module importing from 'muwclass') as a user's bundler would. */
async function bundle(source: string): Promise<{ code: string; contributors: string[] }> {
  const dir = consumerProject();
  const entry = join(dir, 'entry.mjs');
  writeFileSync(entry, source);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  const meta: Metafile = result.metafile;
  const output = Object.values(meta.outputs)[0]!;
  // the inputs that put code into the bundle (not just parsed on the way)
  const contributors = Object.entries(output.inputs)
    .filter(([, v]) => v.bytesInOutput > 0)
    .map(([path]) => path);
  return { code, contributors };
}

describe('tree-shaking the built package', () => {
  beforeAll(() => requireDist());

  it('a file importing only HardnessRatios bundles no CSV, random-number or machine-learning code', async () => {
    const { code, contributors } = await bundle(
      "import { HardnessRatios } from 'muwclass';\nconsole.log(HardnessRatios.compute({ Fs: 1, Fm: 2, Fh: 1 }).HR_ms);\n",
    );
    expect(code).toContain('HardnessRatios');
    for (const marker of ['CsvTokenizer', 'parseCsv', 'seedrandom', 'createRng', 'RandomForest', 'Smote', 'averageObservations', 'Worker']) {
      expect(code, `bundle contains ${marker}`).not.toContain(marker);
    }
    // nothing from node_modules, and only the hardness-ratio code from dist
    expect(contributors.filter((p) => p.includes('node_modules'))).toEqual([]);
    expect(code.length).toBeLessThan(4 * 1024);
  });

  it('a file importing only the X-ray averaging from muwclass/xray bundles no CSV code', async () => {
    const { code, contributors } = await bundle("import { averageObservations } from 'muwclass/xray';\nconsole.log(averageObservations([]).summary);\n");
    expect(code).toContain('averageObservations');
    for (const marker of ['CsvTokenizer', 'parseCsv', 'RandomForest', 'Smote']) {
      expect(code, `bundle contains ${marker}`).not.toContain(marker);
    }
    // of seedrandom, only the Alea generator (not its index of every generator and a crypto fallback)
    expect(contributors.filter((p) => p.includes('seedrandom'))).toEqual(['node_modules/seedrandom/lib/alea.js']);
  });
});
