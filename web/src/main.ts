/**
 * The muwclass web app: load a training set and sources, classify them with the Monte Carlo MUWCLASS pipeline
 * on Web Workers, look at the results, explore the training set, cross-validate. Vanilla TypeScript, no UI
 * framework: the library does the science, this file wires the page.
 */
import { CancelledError, evaluatePipeline, MonteCarloClassifier, MuwclassError, webWorkerExecutor, type MonteCarloExecutor, type Progress } from 'muwclass';
// The library's Web Worker script, bundled by Vite as a module worker; its URL goes to webWorkerExecutor.
import workerUrl from '../../src/classify/web-worker.ts?worker&url';

import { byId, duration, h, intInput } from './dom';
import { showEvaluation } from './evaluate';
import { NeighbourFinder } from './features';
import { demoTables, ebvFromColumn, extraColumns, readTable, type LoadedTable, type Role } from './load';
import { initResults, markStale, showResults } from './results';
import { initScatter, setOverlay, setTraining } from './scatter';

/** Keep every draw's probabilities (for the detail view) up to this many numbers (8 bytes each). */
const MAX_KEPT_DRAW_VALUES = 4_000_000;

const state: { training?: LoadedTable; sources?: LoadedTable; running?: AbortController; cvRunning?: AbortController } = {};

/** What each library error code is called in the page (class names do not survive minification). */
const ERROR_TITLES: Readonly<Record<string, string>> = {
  INVALID_ARGUMENT: 'Invalid argument',
  INVALID_VALUE: 'Invalid value',
  MISSING_COLUMN: 'Missing column',
  MALFORMED_NUMBER: 'Malformed number',
  SHAPE_MISMATCH: 'Shape mismatch',
  NOT_FITTED: 'Not fitted',
  PARSE_ERROR: 'Parse error',
  CANCELLED: 'Cancelled',
  WORKER_FAILED: 'Worker failed',
  FILE_ERROR: 'File error',
};

/** Shows an error in the page (the library's message names the file, row and column). */
function showError(error: unknown): void {
  const box = byId('error');
  let text = error instanceof Error ? error.message : String(error);
  if (error instanceof MuwclassError) {
    const title = ERROR_TITLES[error.code] ?? 'Error';
    if (!text.toLowerCase().startsWith(title.toLowerCase())) text = `${title}: ${text}`;
  }
  box.textContent = text;
  box.hidden = false;
}

function clearError(): void {
  byId('error').hidden = true;
  byId('error').textContent = '';
}

// Any error the code did not catch still lands in the page, never a blank screen.
window.addEventListener('error', (event) => showError(event.error ?? event.message));
window.addEventListener('unhandledrejection', (event) => showError(event.reason));

// ---- tabs -------------------------------------------------------------------------------------------------
const TABS = ['data', 'classify', 'explore', 'evaluate'] as const;
type Tab = (typeof TABS)[number];

function openTab(tab: Tab, focus = false): void {
  for (const t of TABS) {
    const button = byId(`tab-${t}`);
    const on = t === tab;
    button.setAttribute('aria-selected', String(on));
    button.tabIndex = on ? 0 : -1;
    byId(`panel-${t}`).hidden = !on;
    if (on && focus) button.focus();
  }
}

TABS.forEach((t, i) => {
  const button = byId(`tab-${t}`);
  button.addEventListener('click', () => openTab(t));
  button.addEventListener('keydown', (event) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step !== 0) openTab(TABS[(i + step + TABS.length) % TABS.length]!, true);
    if (event.key === 'Home') openTab(TABS[0], true);
    if (event.key === 'End') openTab(TABS[TABS.length - 1]!, true);
  });
});

// ---- data -------------------------------------------------------------------------------------------------
function describe(t: LoadedTable): string {
  const labels = t.sources.filter((s) => s.label !== undefined);
  const classes = new Set(labels.map((s) => s.label));
  return `${t.fileName}: ${t.sources.length} sources (${t.format}${labels.length > 0 ? `, ${classes.size} classes` : ''})${t.note === '' ? '' : ` — ${t.note}`}`;
}

function setTable(role: Role, table: LoadedTable): void {
  markStale();
  if (role === 'training') {
    state.training = table;
    byId('td-status').textContent = describe(table);
    setTraining(table.sources);
  } else {
    state.sources = table;
    byId('src-status').textContent = describe(table);
    const columns = extraColumns(table);
    const select = byId<HTMLSelectElement>('ebv-column');
    select.replaceChildren(...columns.map((c) => h('option', { value: c }, c)));
    const guess = columns.find((c) => /^e?bv|ebv|e_?b_?v/i.test(c.replace(/[()\-−]/g, '')));
    if (guess !== undefined) {
      select.value = guess;
      byId<HTMLInputElement>('ebv-mode-column').checked = true;
    }
    byId<HTMLInputElement>('ebv-mode-column').disabled = columns.length === 0;
  }
  updateButtons();
}

async function loadFile(role: Role, file: File): Promise<void> {
  clearError();
  const status = byId(role === 'training' ? 'td-status' : 'src-status');
  status.textContent = `Reading ${file.name}…`;
  try {
    setTable(role, await readTable(file.name, await file.text(), role));
  } catch (error) {
    status.textContent = `Could not read ${file.name}.`;
    showError(error);
  }
}

for (const [role, inputId, dropId] of [
  ['training', 'td-file', 'drop-td'],
  ['sources', 'src-file', 'drop-src'],
] as const) {
  const input = byId<HTMLInputElement>(inputId);
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file !== undefined) void loadFile(role, file);
    input.value = '';
  });
  const zone = byId(dropId);
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    const file = event.dataTransfer?.files[0];
    if (file !== undefined) void loadFile(role, file);
  });
}

byId('demo').addEventListener('click', () => {
  clearError();
  const demo = demoTables();
  setTable('training', demo.training);
  setTable('sources', demo.sources);
  byId<HTMLInputElement>('draws').value = '10';
  byId<HTMLInputElement>('trees').value = '30';
  openTab('classify', true);
});

// ---- classify ---------------------------------------------------------------------------------------------
function updateButtons(): void {
  const busy = state.running !== undefined;
  byId<HTMLButtonElement>('classify').disabled = busy || state.training === undefined || state.sources === undefined;
  byId<HTMLButtonElement>('cancel').disabled = !busy;
  const cvBusy = state.cvRunning !== undefined;
  byId<HTMLButtonElement>('run-cv').disabled = cvBusy || state.training === undefined;
  byId<HTMLButtonElement>('cancel-cv').disabled = !cvBusy;
}

function executor(): MonteCarloExecutor {
  const workers = byId<HTMLInputElement>('workers').value.trim() === '' ? (navigator.hardwareConcurrency || 2) : intInput('workers', 'Workers', 1);
  return webWorkerExecutor({ workers, url: workerUrl });
}

function progressReporter(barId: string, textId: string): (p: Progress) => void {
  const bar = byId<HTMLProgressElement>(barId);
  const text = byId(textId);
  return (p) => {
    bar.value = p.done / p.total;
    text.textContent = `${p.done} of ${p.total} draws · ${duration(p.elapsedMs)} elapsed · ${p.done === p.total ? 'done' : `about ${duration(p.etaMs)} left`}`;
  };
}

async function classify(): Promise<void> {
  const { training, sources } = state;
  if (training === undefined || sources === undefined || state.running !== undefined) return;
  clearError();
  const text = byId('progress-text');
  const bar = byId<HTMLProgressElement>('progress');
  try {
    const nSamples = intInput('draws', 'Draws', 1);
    const nEstimators = intInput('trees', 'Trees', 1);
    const seed = intInput('seed', 'Seed', -(2 ** 31));
    const mode = (document.querySelector<HTMLInputElement>('input[name="ebv-mode"]:checked')?.value ?? 'value') as 'column' | 'value' | 'none';
    let ebv: Float64Array | number | undefined;
    let ebvNote = 'no reddening';
    if (mode === 'column') {
      const column = byId<HTMLSelectElement>('ebv-column').value;
      if (column === '') throw new Error('choose the column holding E(B−V), or give one value');
      ebv = ebvFromColumn(sources, column);
      ebvNote = `E(B−V) from column ${column}`;
    } else if (mode === 'value') {
      const v = Number(byId<HTMLInputElement>('ebv-value').value);
      if (byId<HTMLInputElement>('ebv-value').value.trim() === '' || !(v >= 0) || !Number.isFinite(v)) throw new Error('E(B−V) must be a number ≥ 0');
      ebv = v;
      ebvNote = `E(B−V) = ${v}`;
    }
    const classes = new Set(training.sources.map((s) => s.label)).size;
    const keepDraws = sources.sources.length * classes * nSamples <= MAX_KEPT_DRAW_VALUES;
    const mc = new MonteCarloClassifier({
      nSamples,
      seed,
      classifier: { type: 'RandomForest', options: { nEstimators } },
      reddenAgn: mode !== 'none',
      executor: executor(),
      keepDraws,
    }).fit(training.sources);
    const controller = new AbortController();
    state.running = controller;
    updateButtons();
    bar.value = 0;
    text.textContent = 'starting the workers…';
    const result = await mc.predict(sources.sources, { ...(ebv === undefined ? {} : { ebv }), signal: controller.signal, onProgress: progressReporter('progress', 'progress-text') });
    text.textContent = `${text.textContent ?? ''} · ${result.predicted.length} sources classified`;
    showResults({ training, table: sources, result, ebvNote, neighbours: new NeighbourFinder(training.sources) });
    setOverlay(sources.sources, result.predicted);
  } catch (error) {
    if (error instanceof CancelledError) {
      text.textContent = 'Cancelled.';
      bar.value = 0;
    } else {
      text.textContent = 'Failed.';
      showError(error);
    }
  } finally {
    state.running = undefined;
    updateButtons();
  }
}

byId('classify-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void classify();
});
byId('cancel').addEventListener('click', () => state.running?.abort());

// ---- evaluate ---------------------------------------------------------------------------------------------
async function crossValidate(): Promise<void> {
  const { training } = state;
  if (training === undefined || state.cvRunning !== undefined) return;
  clearError();
  const text = byId('cv-progress-text');
  try {
    const cv = intInput('cv-folds', 'Folds', 2);
    const nSamples = intInput('cv-draws', 'Draws', 1);
    const nEstimators = intInput('cv-trees', 'Trees', 1);
    const seed = intInput('cv-seed', 'Seed', -(2 ** 31));
    const controller = new AbortController();
    state.cvRunning = controller;
    updateButtons();
    text.textContent = 'starting the workers…';
    const ev = await evaluatePipeline(training.sources, {
      cv,
      nSamples,
      seed,
      classifier: { type: 'RandomForest', options: { nEstimators } },
      executor: executor(),
      signal: controller.signal,
      onProgress: progressReporter('cv-progress', 'cv-progress-text'),
    });
    showEvaluation(ev);
  } catch (error) {
    if (error instanceof CancelledError) text.textContent = 'Cancelled.';
    else {
      text.textContent = 'Failed.';
      showError(error);
    }
  } finally {
    state.cvRunning = undefined;
    updateButtons();
  }
}

byId('cv-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void crossValidate();
});
byId('cancel-cv').addEventListener('click', () => state.cvRunning?.abort());

// ---- start ------------------------------------------------------------------------------------------------
byId<HTMLInputElement>('workers').placeholder = String(navigator.hardwareConcurrency || 2);
initResults();
initScatter();
updateButtons();
document.body.dataset.ready = 'true';
