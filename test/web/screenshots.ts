/**
 * `npm run screenshots:web`: regenerates the screenshots of the web app's main views in web/screenshots/
 * (shown in docs/web-app.md and web/README.md). Builds the app, serves it on 127.0.0.1 and drives headless
 * Chromium ($MUWCLASS_CHROMIUM or /usr/bin/chromium) through the demo at 1280×800 and at a 390 px mobile width.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { formatCsv, SOURCE_NUMERIC_COLUMNS, syntheticTrainingSet } from '../../src';
import { buildApp, CHROMIUM, serve } from './app';

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/screenshots');
mkdirSync(OUT, { recursive: true });

const dir = await buildApp();
const served = await serve(dir);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(served.url);
  await page.waitForSelector('body[data-ready="true"]');
  const shot = async (name: string, fullPage = false): Promise<void> => {
    await page.screenshot({ path: join(OUT, name), fullPage });
    console.log(`wrote web/screenshots/${name}`);
  };

  // 1. a malformed file: the library's error in the page
  const good = syntheticTrainingSet({ seed: 3, labelled: false, perClass: { AGN: 3 } });
  const lines = formatCsv(['CSCv2_name', ...SOURCE_NUMERIC_COLUMNS], good.map((s) => ({ CSCv2_name: s.name, ...Object.fromEntries(SOURCE_NUMERIC_COLUMNS.map((c) => [c, s[c]])) }))).split('\n');
  lines[2] = lines[2]!.replace(/^([^,]*),[^,]*,/, '$1,1e-14x,');
  await page.setInputFiles('#src-file', { name: 'my-field.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await page.waitForSelector('#error:not([hidden])');
  await shot('data-error.png');

  // 2. the demo, classified; one source's detail
  await page.click('#demo');
  await page.fill('#draws', '20');
  await page.fill('#trees', '50');
  await page.click('#classify');
  await page.waitForSelector('#results-area:not([hidden])', { timeout: 600_000 });
  await page.locator('#results tbody button.name').nth(4).click();
  await page.evaluate('window.scrollTo(0, 0)');
  await shot('results.png');

  // 3. the training set explorer with the classified sources, a point hovered
  await page.click('#tab-explore');
  await page.selectOption('#preset', '2');
  const box = (await page.locator('#scatter-svg circle.source').first().boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await shot('explore.png');

  // 4. cross-validation
  await page.click('#tab-evaluate');
  await page.fill('#cv-folds', '5');
  await page.fill('#cv-draws', '5');
  await page.fill('#cv-trees', '50');
  await page.click('#run-cv');
  await page.waitForSelector('#cv-results:not([hidden])', { timeout: 600_000 });
  await shot('evaluate.png', true);

  // 5. a phone
  await page.setViewportSize({ width: 390, height: 844 });
  await page.click('#tab-classify');
  await page.locator('#results-area h2').scrollIntoViewIfNeeded();
  await shot('mobile-results.png');
} finally {
  await browser.close();
  await served.close();
  rmSync(dir, { recursive: true, force: true });
}
