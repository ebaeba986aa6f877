/**
 * `muwclass classify --report` and `muwclass evaluate --report`: the HTML files they write hold what the run
 * computed (checked against the CSV and JSON outputs of the same run), fetch nothing, and render in headless
 * Chromium (playwright-core driving /usr/bin/chromium, every network request refused): every SVG has a non-zero
 * size. The screenshots are written to a temporary folder — and to docs/images/ with `npm run docs:images`
 * (MUWCLASS_DOC_IMAGES=1), which the guide and README show.
 *
 * The training set is the paper's (`../shared/data/td/muwclass_td_cscv2.csv`); twelve of its sources, left out
 * of the training, are the classified field. Needs Chromium (`apt-get install -y chromium`; .ci/run installs it):
 * skipped with a message without it, a failure under CI.
 */
import { mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { runCli } from '../../src/cli/main';
import { readCsv, readSourceTable } from '../../src/node';
import { captureCli } from '../helpers/cli';
import { CHROMIUM, describeBrowser } from '../helpers/chromium';
import { PROJECT_ROOT } from '../helpers/dist';
import { describeWithData, sharedData } from '../helpers/shared-data';
import { writeSourcesCsv } from '../helpers/training-csv';

const WRITE_DOC_IMAGES = process.env.MUWCLASS_DOC_IMAGES === '1';
const TD = 'td/muwclass_td_cscv2.csv';
const dir = mkdtempSync(join(tmpdir(), 'muwclass-report-'));
const path = (name: string) => join(dir, name);
const FAST = ['--trees', '30', '--seed', '3', '--workers', '2'];

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = captureCli();
  const code = await runCli(argv, c.context);
  return { code, out: c.out(), err: c.err() };
}

/** What must never appear in a self-contained report: a reference to anything outside the file. */
function externalReferences(html: string): string[] {
  return [...html.matchAll(/(?:src|href)\s*=|url\((?!#)|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg)[^\s"'<]*/g)].map((m) => m[0]);
}

describeWithData('HTML reports of muwclass classify and evaluate', [TD], () => {
  const classifyHtml = path('classify-report.html');
  const evaluateHtml = path('evaluate-report.html');
  let classifyCsv: Record<string, string>[] = [];
  let evaluateJson: { all: { accuracy: number }; confident: { completeness: number; n: number } } | undefined;

  beforeAll(async () => {
    const td = (await readSourceTable(sharedData(TD), { requireLabel: true })).sources;
    await writeSourcesCsv(path('field.csv'), td.filter((_, i) => i % 245 === 7));
    await writeSourcesCsv(path('td.csv'), td.filter((_, i) => i % 245 !== 7));
    const c = await cli(['classify', '--td', path('td.csv'), '--sources', path('field.csv'), '--ebv', '0.2', '--mc', '20', ...FAST, '-o', path('classified.csv'), '--report', classifyHtml]);
    expect(c.err).toMatch(/wrote the HTML report to/);
    expect(c.code).toBe(0);
    for await (const r of readCsv(path('classified.csv'))) classifyCsv.push({ ...r.cells });
    const e = await cli(['evaluate', '--td', path('td.csv'), '--cv', '3', '--mc', '2', ...FAST, '--json', '--report', evaluateHtml]);
    expect(e.code).toBe(0);
    evaluateJson = JSON.parse(e.out) as typeof evaluateJson;
  }, 600_000);

  it('classify: one probability chart and one table row per source, and the class counts of the CSV', () => {
    const html = readFileSync(classifyHtml, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(externalReferences(html)).toEqual([]);
    expect(classifyCsv).toHaveLength(12);
    expect(html.match(/<g class="source"/g)).toHaveLength(12);
    for (const row of classifyCsv) {
      expect(html).toContain(`<tr><td>${row.CSCv2_name}</td><td>${row.Class}</td><td class="num">${Number(row.Class_prob).toFixed(3)} ± ${Number(row.e_Class_prob).toFixed(3)}</td>`);
    }
    const classes = [...new Set(classifyCsv.map((r) => r.Class!))];
    for (const c of classes) {
      const all = classifyCsv.filter((r) => r.Class === c).length;
      const confident = classifyCsv.filter((r) => r.Class === c && Number(r.CT) >= 2).length;
      expect(html).toContain(`<tr><th>${c}</th><td class="num">${all}</td><td class="num">${confident}</td></tr>`);
    }
    expect(html).toContain('<h2>Feature importances</h2>');
  });

  it('evaluate: the metrics of the JSON output, four confusion matrices, CT sweep, ROC and importances', () => {
    const html = readFileSync(evaluateHtml, 'utf8');
    expect(externalReferences(html)).toEqual([]);
    expect(html.match(/<svg /g)).toHaveLength(7);
    expect(html).toContain(`<tr><th>accuracy</th><td class="num">${(100 * evaluateJson!.all.accuracy).toFixed(1)}</td>`);
    expect(html).toContain(`<th class="num">CT ≥ 2 (${evaluateJson!.confident.n})</th>`);
    expect(html).toMatch(/Macro average \(AUC 0\.9\d\d\)/);
  });

  describeBrowser('rendered in headless Chromium', () => {
    let browser: Browser | undefined;
    const shots = WRITE_DOC_IMAGES ? join(PROJECT_ROOT, 'docs', 'images') : path('images');
    beforeAll(async () => {
      mkdirSync(shots, { recursive: true });
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
    });

    it.each([
      ['classify', classifyHtml, 3],
      ['evaluate', evaluateHtml, 7],
    ])('the %s report: every SVG has a size, nothing is fetched', async (name, file, nSvg) => {
      const page = await browser!.newPage({ viewport: { width: 1280, height: 1500 } });
      const requests: string[] = [];
      const problems: string[] = [];
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file://')) return route.continue();
        requests.push(url);
        return route.abort();
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(`file://${file}`);
      const sizes = await page.$$eval('svg', (svgs) => svgs.map((s) => { const r = s.getBoundingClientRect(); return [r.width, r.height]; }));
      expect(sizes).toHaveLength(nSvg);
      for (const [w, h] of sizes) {
        expect(w).toBeGreaterThan(100);
        expect(h).toBeGreaterThan(100);
      }
      // the drawn marks are there: bars, curves, cells
      const marks = await page.$$eval('svg rect, svg path, svg circle', (els) => els.filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 || r.height > 0; }).length);
      expect(marks).toBeGreaterThan(50);
      expect(requests).toEqual([]);
      expect(problems).toEqual([]);
      const png = join(shots, `${name}-report.png`);
      await page.screenshot({ path: png });
      expect(statSync(png).size).toBeGreaterThan(20_000);
      if (name === 'classify') {
        const figure = join(shots, 'probability-bars.png');
        await page.locator('figure').nth(1).screenshot({ path: figure });
        expect(statSync(figure).size).toBeGreaterThan(10_000);
      } else {
        await page.locator('figure').filter({ hasText: 'ROC' }).screenshot({ path: join(shots, 'roc.png') });
        await page.locator('figure').filter({ hasText: 'Mean decrease in impurity' }).screenshot({ path: join(shots, 'feature-importances.png') });
      }
      await page.close();
    }, 120_000);
  });
});
