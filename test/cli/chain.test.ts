/**
 * The chain of issue 13, verbatim, in a real shell with the built CLI (`node dist/cli.js`, built by `npm run
 * build`): `muwclass average NGC3532_per.csv -o a.csv && muwclass match --xray a.csv --tmass t.csv -o m.csv`
 * used to fail with `missing required column "CSCv2_PU" in a.csv`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, expect, it } from 'vitest';

import { requireDist } from '../helpers/dist';
import { describeWithData, sharedData } from '../helpers/shared-data';
import { CLI, tempDir } from './helpers';

describeWithData('the issue 13 chain: average && match in a shell', ['csc-perobs/NGC3532_per.csv'], () => {
  beforeAll(() => requireDist());

  it('runs as written, and match finds the 2MASS counterpart of the first source', () => {
    const dir = tempDir('chain');
    symlinkSync(sharedData('csc-perobs/NGC3532_per.csv'), join(dir, 'NGC3532_per.csv'));
    // 2MASS source 0.3" north of 2CXO J110507.4-585105 (RA 11 05 07.45, Dec -58 51 05.47 in the per-observation file)
    const ra = (11 + 5 / 60 + 7.45 / 3600) * 15;
    const dec = -(58 + 51 / 60 + 5.47 / 3600) + 0.3 / 3600;
    writeFileSync(join(dir, 't.csv'), `RAJ2000,DEJ2000,errMaj,Jmag,e_Jmag,Hmag,e_Hmag,Kmag,e_Kmag\n${ra},${dec},0.08,15.2,0.05,14.7,0.06,14.5,0.07\n`);
    const script = `muwclass() { "${process.execPath}" "${CLI}" "$@"; }\nmuwclass average NGC3532_per.csv -o a.csv && muwclass match --xray a.csv --tmass t.csv -o m.csv`;
    const r = spawnSync('sh', ['-c', script], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/missing required column/);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/2MASS: 1 rows, 1 of 373 X-ray sources matched/);
    const lines = readFileSync(join(dir, 'm.csv'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(374);
    const header = lines[0]!.split(',');
    const first = lines[1]!.split(',');
    expect(first[header.indexOf('CSCv2_name')]).toBe('2CXO J110507.4-585105');
    expect(first[header.indexOf('CSCv2_PU')]).toBe('0.77');
    expect(first[header.indexOf('Jmag')]).toBe('15.2');
  });
});
