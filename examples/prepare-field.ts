/**
 * Preparing a field (Yang et al. 2022, Sections 2.3 and 5, Appendix C) on a small synthetic field that this
 * script generates itself: Chandra sources, and Gaia EDR3, 2MASS, AllWISE and CatWISE2020 catalogs around
 * them, each written with the catalog's own column names.
 *
 *   npm run build && npx tsx examples/prepare-field.ts      (or: npm run example:prepare-field)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  ALLWISE_COLUMNS,
  CATWISE2020_COLUMNS,
  GAIA_EDR3_COLUMNS,
  TWOMASS_PSC_COLUMNS,
  applySelection,
  chanceCoincidence,
  createRng,
  equatorialToGalactic,
  fieldMatchRecords,
  galacticLatitudeAbove,
  goodSourceCriteria,
  matchField,
  outsideRegions,
  randomNormal,
  readCatalog,
  writeCsv,
  writeMrt,
} from 'muwclass/node';

const dir = mkdtempSync(join(tmpdir(), 'muwclass-field-'));
const rng = createRng('prepare-field');
const centre = { ra: 166.28, dec: -58.85 }; // NGC 3532
const ARCSEC = 1 / 3600;
const cosDec = Math.cos((centre.dec * Math.PI) / 180);
const scatter = (sigmaArcsec: number) => sigmaArcsec * ARCSEC * randomNormal(rng);

// 1. X-ray sources: CSC-like columns, 95% error radius err_ellipse_r0 (0.71" systematic included).
const xray = Array.from({ length: 60 }, (_, i) => {
  const ra = centre.ra + ((rng() - 0.5) * 0.2) / cosDec;
  const dec = centre.dec + (rng() - 0.5) * 0.2;
  return {
    name: `2CXO SYNTH${String(i).padStart(3, '0')}`,
    ra,
    dec,
    err_ellipse_r0: 0.71 + 0.4 * rng(),
    significance: 1 + 12 * rng(),
    flags: rng() < 0.1 ? 'conf' : rng() < 0.1 ? 'extent' : '',
    counterpart: rng() < 0.7, // 70% have a true optical/IR counterpart
  };
});
writeFileSync(
  join(dir, 'xray.csv'),
  ['name,ra,dec,err_ellipse_r0,CSCv2_S/N,CSCv2_flags', ...xray.map((s) => `${s.name},${s.ra},${s.dec},${s.err_ellipse_r0},${s.significance.toFixed(2)},${s.flags}`)].join('\n'),
);

// 2. Catalogs: true counterparts (offset by the X-ray error) plus a uniform background.
function catalog(file: string, header: string, n: number, row: (ra: number, dec: number) => string): void {
  const lines = [header];
  for (const s of xray) {
    if (!s.counterpart) continue;
    const sx = s.err_ellipse_r0 / 2.4477;
    lines.push(row(s.ra + scatter(sx) / cosDec, s.dec + scatter(sx)));
  }
  for (let i = 0; i < n; i++) lines.push(row(centre.ra + ((rng() - 0.5) * 0.24) / cosDec, centre.dec + (rng() - 0.5) * 0.24));
  writeFileSync(join(dir, file), lines.join('\n'));
}
const mag = (m: number) => (m + rng()).toFixed(3);
catalog('gaia.csv', 'ra,dec,ra_error,dec_error,phot_g_mean_mag,phot_g_mean_flux_over_error,phot_bp_mean_mag,phot_bp_mean_flux_over_error,phot_rp_mean_mag,phot_rp_mean_flux_over_error,pmra,pmdec,parallax,parallax_error', 3000, (ra, dec) =>
  `${ra},${dec},0.05,0.04,${mag(17)},300,${mag(17.5)},40,${mag(16.4)},60,${(randomNormal(rng) * 5).toFixed(2)},${(randomNormal(rng) * 5).toFixed(2)},0.9,0.05`,
);
catalog('tmass.csv', 'RAJ2000,DEJ2000,errMaj,Jmag,e_Jmag,Hmag,e_Hmag,Kmag,e_Kmag', 800, (ra, dec) => `${ra},${dec},0.08,${mag(14)},0.03,${mag(13.5)},0.03,${mag(13.3)},0.04`);
catalog('allwise.csv', 'RAJ2000,DEJ2000,eeMaj,W1mag,e_W1mag,W2mag,e_W2mag,W3mag,e_W3mag', 400, (ra, dec) => `${ra},${dec},0.15,${mag(13)},0.03,${mag(12.8)},0.04,${mag(10)},0.2`);
catalog('catwise.csv', 'RA_ICRS,DE_ICRS,e_RA_ICRS,e_DE_ICRS,W1mproPM,e_W1mproPM,W2mproPM,e_W2mproPM', 600, (ra, dec) => `${ra},${dec},0.1,0.1,${mag(13.2)},0.02,${mag(13)},0.03`);

// 3. Read the catalogs with their default column names, and the X-ray positions.
const catalogs = {
  gaia: await readCatalog(join(dir, 'gaia.csv'), GAIA_EDR3_COLUMNS),
  tmass: await readCatalog(join(dir, 'tmass.csv'), TWOMASS_PSC_COLUMNS),
  allwise: await readCatalog(join(dir, 'allwise.csv'), ALLWISE_COLUMNS),
  catwise: await readCatalog(join(dir, 'catwise.csv'), CATWISE2020_COLUMNS),
};
const positions = xray.map((s) => ({ ra: s.ra, dec: s.dec, pu: s.err_ellipse_r0 }));

// 4. Match (nearest within 10", kept inside the paper's "2-sigma" (95%) combined radius; Gaia moved to the X-ray epoch).
const field = matchField(positions, catalogs, { epoch: 2010.0 });
for (const [key, m] of Object.entries(field.matches)) {
  const matched = m.index.filter((j) => j >= 0).length;
  const pcc = chanceCoincidence(positions, catalogs[key as keyof typeof catalogs]);
  console.log(`${m.catalog.padEnd(12)} ${String(matched).padStart(2)} of ${positions.length} matched, expected chance coincidences ${pcc.expectedFalseMatches.toFixed(2)}`);
}
const truth = xray.filter((s, i) => s.counterpart === (field.matches.gaia!.index[i]! >= 0)).length;
console.log(`Gaia match agrees with the injected truth for ${truth} of ${xray.length} sources`);

// 5. Select the "good" sources (S/N > 3, PU < 1", no conf/extent flag); then the training-set cleaning cuts:
//    |b| < 1 deg and a crowded circle (here: 1' around the field centre).
const mw = fieldMatchRecords(field);
const rows: Record<string, number | string>[] = xray.map((s, i) => ({
  CSCv2_name: s.name,
  CSCv2_RA: s.ra,
  CSCv2_DEC: s.dec,
  CSCv2_PU: s.err_ellipse_r0,
  'CSCv2_S/N': s.significance,
  CSCv2_flags: s.flags,
  ...mw[i]!,
}));
const good = applySelection(rows, goodSourceCriteria());
for (const step of good.steps) console.log(`${step.name.padEnd(22)} removed ${String(step.removed).padStart(2)}, ${step.remaining} left`);
const { b } = equatorialToGalactic(centre.ra, centre.dec);
const cleaned = applySelection(good.selected, [galacticLatitudeAbove(1), outsideRegions([{ ...centre, radius: 60, name: 'core' }])]);
console.log(`field at b = ${b.toFixed(2)} deg; cleaning: ${cleaned.steps.map((st) => `${st.name} removed ${st.removed}`).join(', ')}`);

// 6. Write the training-set schema (CSV) and a machine-readable table.
const columns = Object.keys(rows[0]!);
await writeCsv(join(dir, 'field_td.csv'), columns, good.selected);
await writeMrt(join(dir, 'field_mrt.txt'), {
  title: 'Synthetic field: multiwavelength counterparts',
  columns: ['CSCv2_name', { label: 'CSCv2_RA', units: 'deg' }, { label: 'CSCv2_DEC', units: 'deg' }, { label: 'Gmag', units: 'mag' }, { label: 'Jmag', units: 'mag' }, { label: 'W1mag', units: 'mag' }],
  records: good.selected.map((r) => ({ CSCv2_name: r.CSCv2_name, CSCv2_RA: r.CSCv2_RA, CSCv2_DEC: r.CSCv2_DEC, Gmag: r.Gmag, Jmag: r.Jmag, W1mag: r.W1mag })),
});
console.log(`wrote ${join(dir, 'field_td.csv')} and ${join(dir, 'field_mrt.txt')}`);
