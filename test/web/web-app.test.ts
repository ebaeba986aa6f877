/**
 * The web app (web/) end to end: built with Vite's JS API, served on 127.0.0.1 and driven in headless Chromium
 * (Debian's, through playwright-core). Loads the demo, classifies with few draws on Web Workers, checks the
 * table (one row per source, probabilities summing to 1), the detail view, the downloads (parsed back with the
 * library), cancelling a run, the error of a malformed file (naming its row), cross-validation and its plots,
 * keyboard use and a narrow (mobile) width.
 *
 * Needs Chromium at /usr/bin/chromium (or $MUWCLASS_CHROMIUM): `apt-get install -y chromium` (.ci/run does).
 * Without it the suite is skipped with a message — unless CI is set, where it fails.
 */
import { readFileSync, rmSync } from 'node:fs';

import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { FeatureSet, formatCsv, formatMrt, parseMrt, parseSourceTable, SOURCE_NUMERIC_COLUMNS, syntheticTrainingSet } from '../../src';
import { describeWithData, sharedData } from '../helpers/shared-data';
import { CHROMIUM, describeBrowser } from '../helpers/chromium';
import { buildApp, serve } from './app';

/** Sources of the demo field (web/src/load.ts: DEMO_PER_CLASS). */
const DEMO_SOURCES = 30;
/** Classes of the synthetic training set. */
const CLASSES = ['AGN', 'CV', 'HM-STAR', 'HMXB', 'LM-STAR', 'LMXB', 'NS', 'YSO'];

/** Reads a downloaded file's text after clicking `selector`. */
async function downloadText(page: Page, selector: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describeBrowser('the web app in headless Chromium', () => {
  let browser: Browser | undefined;
  let close: (() => Promise<void>) | undefined;
  let page: Page;
  let url: string;
  let dir: string | undefined;
  const problems: string[] = [];

  beforeAll(async () => {
    dir = await buildApp();
    const served = await serve(dir);
    close = served.close;
    url = served.url;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]');
  });

  afterAll(async () => {
    await browser?.close();
    await close?.();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('labels every control and switches tabs from the keyboard', async () => {
    const unlabelled = await page.evaluate(
      `[...document.querySelectorAll('input, select')].filter((e) => e.labels.length === 0 && !e.getAttribute('aria-label')).map((e) => e.id)`,
    );
    expect(unlabelled).toEqual([]);
    await page.focus('#tab-data');
    await page.keyboard.press('ArrowRight');
    expect(await page.getAttribute('#tab-classify', 'aria-selected')).toBe('true');
    expect(await page.isVisible('#panel-classify')).toBe(true);
    expect(await page.evaluate('document.activeElement.id')).toBe('tab-classify');
    await page.keyboard.press('ArrowLeft');
    expect(await page.isVisible('#panel-data')).toBe(true);
    // the classify button waits for data
    expect(await page.isDisabled('#classify')).toBe(true);
  });

  it('loads the demo and classifies it on Web Workers: one row per source, probabilities summing to 1', async () => {
    await page.click('#demo');
    expect(await page.textContent('#td-status')).toContain('407 sources');
    expect(await page.textContent('#src-status')).toContain(`${DEMO_SOURCES} sources`);
    expect(await page.isChecked('#ebv-mode-column')).toBe(true);
    expect(await page.inputValue('#ebv-column')).toBe('ebv');
    await page.fill('#draws', '4');
    await page.fill('#trees', '10');
    await page.fill('#workers', '2');
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await page.click('#classify');
    await page.waitForSelector('#results-area:not([hidden])', { timeout: 60_000 });
    expect(workers.length).toBeGreaterThan(0);
    expect(await page.textContent('#progress-text')).toMatch(/^12 of 12 draws/); // 4 draws x 3 E(B-V) bins

    const rows = page.locator('#results tbody tr');
    expect(await rows.count()).toBe(DEMO_SOURCES);
    // (DOM elements typed loosely: the tests' tsconfig has no DOM library)
    const table = (await rows.evaluateAll((trs: any[]) =>
      trs.map((tr) => ({
        row: Number(tr.dataset.row),
        name: tr.querySelector('button.name').textContent,
        cls: tr.cells[2].textContent.trim(),
        ct: Number(tr.querySelector('[data-ct]').dataset.ct),
        marked: tr.querySelector('[data-ct]').textContent.includes('✓'),
        bars: [...tr.querySelectorAll('rect.bar')].map((r: any) => ({ c: r.dataset.class, p: Number(r.dataset.p) })),
      })),
    )) as { row: number; name: string; cls: string; ct: number; marked: boolean; bars: { c: string; p: number }[] }[];
    const names = syntheticTrainingSet({ seed: 2, labelled: false, namePrefix: 'DEMO J', perClass: { AGN: 8, YSO: 6, 'LM-STAR': 3, 'HM-STAR': 3, NS: 3, LMXB: 3, CV: 2, HMXB: 2 } }).map((s) => s.name);
    expect(table.map((r) => r.name)).toEqual(names);
    for (const r of table) {
      expect(r.bars.map((b) => b.c)).toEqual(CLASSES);
      const sum = r.bars.reduce((t, b) => t + b.p, 0);
      expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
      // the predicted class is the most probable one
      const best = r.bars.reduce((a, b) => (b.p > a.p ? b : a));
      expect(r.cls).toBe(best.c);
      expect(r.marked).toBe(r.ct >= 2);
    }
    expect(table.some((r) => r.marked)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('sorts and filters the table, and shows a source’s detail (draws, neighbours, features)', async () => {
    await page.click('th button[data-sort="ct"]');
    const cts = (await page.locator('#results tbody [data-ct]').evaluateAll((tds: any[]) => tds.map((td) => Number(td.dataset.ct)))) as number[];
    expect(cts).toEqual([...cts].sort((a, b) => b - a));
    await page.check('#confident-only');
    const confident = await page.locator('#results tbody tr').count();
    expect(confident).toBe(cts.filter((ct) => ct >= 2).length);
    await page.uncheck('#confident-only');
    await page.fill('#filter', 'J00007');
    expect(await page.locator('#results tbody tr').count()).toBe(1);
    await page.locator('#results tbody button.name').first().press('Enter');
    expect(await page.isVisible('#detail')).toBe(true);
    expect(await page.textContent('#detail h3')).toBe('DEMO J00007');
    // a tick per draw and class, the nearest training sources, the 29 features
    expect(await page.locator('#draws-plot line.draw').count()).toBe(4 * CLASSES.length);
    expect(await page.locator('#neighbours tbody tr').count()).toBe(6);
    expect(await page.locator('#features tbody tr').count()).toBe(29);
    await page.fill('#filter', '');
    await page.click('th button[data-sort="row"]');
  });

  it('downloads the results as CSV and MRT, which the library reads back', async () => {
    const csv = await downloadText(page, '#download-csv');
    expect(csv.name).toBe('demo-sources-classified.csv');
    const t = await parseSourceTable(csv.text, { sourceName: csv.name });
    expect(t.sources).toHaveLength(DEMO_SOURCES);
    expect(t.columns.slice(0, 3 + SOURCE_NUMERIC_COLUMNS.length + 1)).toEqual(['CSCv2_name', 'CSCv2_RA', 'CSCv2_DEC', ...SOURCE_NUMERIC_COLUMNS, 'ebv']);
    expect(t.columns).toContain('CT');
    const shown = (await page.locator('#results tbody tr td:nth-child(3)').allTextContents()).map((s) => s.trim());
    t.records.forEach((r, i) => {
      const sum = CLASSES.reduce((s, c) => s + Number(r.cells[`P_${c}`]), 0);
      expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
      expect(r.cells.Class).toBe(shown[i]);
    });
    const mrt = await downloadText(page, '#download-mrt');
    const table = parseMrt(mrt.text, { source: mrt.name });
    expect(table.records).toHaveLength(DEMO_SOURCES);
    expect(table.records.map((r) => r.Class)).toEqual(t.records.map((r) => r.cells.Class));
    expect(table.records.map((r) => r.Name)).toEqual(t.sources.map((s) => s.name));
  });

  it('cancels a long run; the page stays responsive meanwhile', async () => {
    await page.fill('#draws', '500');
    await page.fill('#trees', '100');
    await page.click('#classify');
    await page.waitForSelector('#cancel:not([disabled])');
    // the page answers while the workers run
    await page.click('#tab-explore');
    expect(await page.isVisible('#scatter-svg')).toBe(true);
    await page.click('#tab-classify');
    expect(await page.isDisabled('#classify')).toBe(true);
    await page.click('#cancel');
    await page.waitForFunction(`document.querySelector('#progress-text').textContent === 'Cancelled.'`, undefined, { timeout: 30_000 });
    expect(await page.isDisabled('#classify')).toBe(false);
    expect(await page.isDisabled('#cancel')).toBe(true);
    expect(await page.isHidden('#error')).toBe(true);
    // the earlier results are still there
    expect(await page.locator('#results tbody tr').count()).toBe(DEMO_SOURCES);
    await page.fill('#draws', '4');
    await page.fill('#trees', '10');
  });

  it('explores the training set: presets, the classified sources overlaid, hover, zoom', async () => {
    await page.click('#tab-explore');
    await page.selectOption('#preset', '0'); // hardness ratios: every source with s, m and h fluxes has both
    expect(await page.inputValue('#x-axis')).toBe('HR_ms');
    expect(await page.inputValue('#y-axis')).toBe('HR_hm');
    expect(await page.locator('#scatter-svg circle.training').count()).toBe(407);
    expect(await page.locator('#scatter-svg circle.source').count()).toBe(DEMO_SOURCES);
    const legendText = await page.textContent('#scatter-legend');
    expect(legendText).toContain('AGN (189)');
    const box = (await page.locator('#scatter-svg circle.source').first().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = (await page.textContent('#hover'))!;
    expect(hover).toMatch(/^DEMO J\d{5}\nclassified source, predicted [A-Z-]+\nHR_ms = \S+\nHR_hm = \S+$/);
    const ticks = async (): Promise<string[]> => page.locator('#scatter-svg > text').allTextContents();
    const before = await ticks();
    await page.click('#zoom-in');
    expect(await ticks()).not.toEqual(before);
    await page.click('#zoom-reset');
    expect(await ticks()).toEqual(before);
    // a colour-magnitude diagram: only sources with both magnitudes are drawn
    await page.selectOption('#preset', '2');
    expect(await page.inputValue('#y-axis')).toBe('Gmag');
    const colour = new FeatureSet(['BP-RP']); // NaN also where a magnitude is beyond the Table 3 limit
    const withG = syntheticTrainingSet({ seed: 1 }).filter((s) => !Number.isNaN(s.Gmag) && !Number.isNaN(colour.row(s)[0]!)).length;
    expect(withG).toBeGreaterThan(100);
    expect(await page.locator('#scatter-svg circle.training').count()).toBe(withG);
    await page.uncheck('#show-sources');
    expect(await page.locator('#scatter-svg circle.source').count()).toBe(0);
    await page.check('#show-sources');
  });

  it('shows the library’s error for a malformed CSV, naming the file, row and column', async () => {
    await page.click('#tab-data');
    const good = syntheticTrainingSet({ seed: 3, labelled: false, perClass: { AGN: 3 } });
    const columns = ['CSCv2_name', ...SOURCE_NUMERIC_COLUMNS];
    const rows = good.map((s) => ({ CSCv2_name: s.name, ...Object.fromEntries(SOURCE_NUMERIC_COLUMNS.map((c) => [c, s[c]])) }));
    const text = formatCsv(columns, rows).split('\n');
    text[2] = text[2]!.replace(/^([^,]*),[^,]*,/, '$1,1e-14x,'); // row 2, column Fs
    await page.setInputFiles('#src-file', { name: 'bad-field.csv', mimeType: 'text/csv', buffer: Buffer.from(text.join('\n')) });
    await page.waitForSelector('#error:not([hidden])');
    const message = await page.textContent('#error');
    expect(message).toMatch(/^Malformed number/i);
    expect(message).toContain('bad-field.csv');
    expect(message).toContain('row 2');
    expect(message).toContain('"Fs"');
    expect(await page.textContent('#src-status')).toContain('Could not read bad-field.csv');
    // a training set without labels: the error names the column
    await page.setInputFiles('#td-file', { name: 'unlabelled.csv', mimeType: 'text/csv', buffer: Buffer.from(formatCsv(columns, rows)) });
    await page.waitForFunction(`document.querySelector('#error').textContent.includes('unlabelled.csv')`);
    expect(await page.textContent('#error')).toContain('True_Class');
    // the page still works: the demo is still loaded
    expect(await page.isVisible('#demo')).toBe(true);
  });

  it('cross-validates in the page and draws the metrics, confusion matrices, CT sweep and importances', async () => {
    await page.click('#demo');
    await page.click('#tab-evaluate');
    await page.fill('#cv-folds', '3');
    await page.fill('#cv-draws', '2');
    await page.fill('#cv-trees', '10');
    await page.click('#run-cv');
    await page.waitForSelector('#cv-results:not([hidden])', { timeout: 60_000 });
    const metrics = (await page.locator('#metrics tbody td').allTextContents()).map(Number);
    expect(metrics).toHaveLength(16);
    for (const m of metrics) expect(m).toBeGreaterThanOrEqual(-1);
    for (const m of metrics) expect(m).toBeLessThanOrEqual(1);
    expect(metrics[0]).toBeGreaterThan(0.5); // accuracy on the (easy) synthetic set
    const k = CLASSES.length;
    for (const id of ['cm-recall', 'cm-precision']) {
      expect(await page.locator(`#${id} svg rect.cell`).count()).toBe(k * k);
      const box = await page.locator(`#${id} svg`).boundingBox();
      expect(box!.width).toBeGreaterThan(100);
    }
    expect(await page.locator('#ct-sweep svg path, #ct-sweep svg polyline').count()).toBeGreaterThan(0);
    expect(await page.locator('#importances svg rect.importance').count()).toBe(20);
    expect(problems).toEqual([]);
  });

  it('takes a file dropped on the page', async () => {
    await page.click('#tab-data');
    const td = syntheticTrainingSet({ seed: 5, perClass: { AGN: 4, YSO: 4, 'HM-STAR': 0, HMXB: 0, 'LM-STAR': 0, LMXB: 0, NS: 0, CV: 0 } });
    const csv = formatCsv(
      ['CSCv2_name', 'True_Class', ...SOURCE_NUMERIC_COLUMNS],
      td.map((s) => ({ CSCv2_name: s.name, True_Class: s.label!, ...Object.fromEntries(SOURCE_NUMERIC_COLUMNS.map((c) => [c, s[c]])) })),
    );
    const dataTransfer = await page.evaluateHandle(`(() => { const d = new DataTransfer(); d.items.add(new File([${JSON.stringify(csv)}], 'dropped.csv', { type: 'text/csv' })); return d; })()`);
    await page.dispatchEvent('#drop-td', 'drop', { dataTransfer });
    await page.waitForFunction(`document.querySelector('#td-status').textContent.startsWith('dropped.csv')`);
    expect(await page.textContent('#td-status')).toBe('dropped.csv: 8 sources (CSV, 2 classes)');
  });

  it('reads a training set from a CDS machine-readable table (MRT)', async () => {
    await page.click('#tab-data');
    const td = syntheticTrainingSet({ seed: 4, perClass: { AGN: 5, YSO: 4, CV: 3, 'HM-STAR': 0, HMXB: 0, 'LM-STAR': 0, LMXB: 0, NS: 0 } });
    const records = td.map((s) => ({ CSCv2_name: s.name, CSCv2_RA: s.ra, CSCv2_DEC: s.dec, True_Class: s.label!, ...Object.fromEntries(SOURCE_NUMERIC_COLUMNS.map((c) => [c, s[c]])) }));
    const mrt = formatMrt({ title: 'A small training set', columns: ['CSCv2_name', 'CSCv2_RA', 'CSCv2_DEC', 'True_Class', ...SOURCE_NUMERIC_COLUMNS], records });
    await page.setInputFiles('#td-file', { name: 'td.txt', mimeType: 'text/plain', buffer: Buffer.from(mrt) });
    await page.waitForFunction(`document.querySelector('#td-status').textContent.startsWith('td.txt')`);
    expect(await page.textContent('#td-status')).toBe('td.txt: 12 sources (MRT, 3 classes) — A small training set');
    // a value outside an MRT column's limits names the line and the label
    // the second record's RA (the third column) made malformed
    const bad = mrt.replace(/^(SYNTH J00001\s+)(\S+)/m, (_m, name: string, ra: string) => `${name}${'x'.repeat(ra.length)}`);
    expect(bad).not.toBe(mrt);
    await page.setInputFiles('#td-file', { name: 'bad-td.txt', mimeType: 'text/plain', buffer: Buffer.from(bad) });
    await page.waitForFunction(`document.querySelector('#error').textContent.includes('bad-td.txt')`);
    expect(await page.textContent('#error')).toMatch(/^Parse error: malformed .*"x+".*bad-td\.txt.*CSCv2_RA/);
  });

  describeWithData('with the paper\'s training set and a CSC per-observation file', ['td/muwclass_td_cscv2.csv', 'csc-perobs/NGC3532_per.csv'], () => {
    it('averages the CSC detections and classifies the field with the paper\'s training set', async () => {
      await page.click('#tab-data');
      await page.setInputFiles('#td-file', sharedData('td/muwclass_td_cscv2.csv'));
      await page.waitForFunction(`document.querySelector('#td-status').textContent.startsWith('muwclass_td_cscv2.csv')`);
      expect(await page.textContent('#td-status')).toBe('muwclass_td_cscv2.csv: 2941 sources (CSV, 8 classes)');
      await page.setInputFiles('#src-file', sharedData('csc-perobs/NGC3532_per.csv'));
      await page.waitForFunction(`document.querySelector('#src-status').textContent.startsWith('NGC3532_per.csv')`);
      expect(await page.textContent('#src-status')).toMatch(/^NGC3532_per\.csv: 373 sources \(CSC per-observation CSV\) — averaged 373 of 389 detections into 373 sources; 16 dropped/);
      await page.click('#tab-classify');
      await page.check('#ebv-mode-value');
      await page.fill('#ebv-value', '0.04');
      await page.fill('#draws', '2');
      await page.fill('#trees', '10');
      await page.click('#classify');
      await page.waitForFunction(`document.querySelector('#results-summary').textContent.startsWith('373 sources of NGC3532_per.csv')`, undefined, { timeout: 60_000 });
      expect(await page.locator('#results tbody tr').count()).toBe(373);
      const csv = await downloadText(page, '#download-csv');
      const t = await parseSourceTable(csv.text, { sourceName: csv.name, optionalColumns: 'all' });
      expect(t.sources.map((s) => s.name).slice(0, 1)).toEqual([(await page.locator('#results tbody button.name').first().textContent())!]);
      expect(t.columns).toEqual(expect.arrayContaining(['n_obs', 'flux_flag', 'P_AGN', 'Class', 'CT']));
    });
  });

  it('fits a narrow (mobile) width without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const tab of ['data', 'classify', 'explore', 'evaluate']) {
      await page.click(`#tab-${tab}`);
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
      expect(overflow, `panel ${tab}`).toBeLessThanOrEqual(1);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
