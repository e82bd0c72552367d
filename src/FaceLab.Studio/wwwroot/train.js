// The Train page: choose or create a model (the options form is generated from the model type's
// declared options), train it as a job, and watch it live: the preview grid (the CLI's rows,
// sized to the window), the loss chart over a chosen range, and the kept previews as a timeline.
// Live: the jobs channel announces each new iteration of the training job; the page then asks
// for the status, the losses and the previews (at most a few times a second).
import { get, post, query } from './api.js';
import { onJobUpdate } from './jobs.js';
import { guardedIn, showErrorIn } from './errors.js';

const $ = id => document.getElementById(id);
const MIN_REFRESH_MS = 400;

const state = {
  catalog: null,
  models: [],      // the workspace's models (ModelEntry)
  model: '',       // the selected model's folder name; '' for a new one
  view: null,      // its TrainingView
  last: '',        // the chart's range: '' (all) or a number of iterations
  previews: [],    // iterations of the kept previews
  shown: null,     // the preview's iteration on screen (null: the newest there is)
  refreshing: null,
  again: false,
};

const showError = error => showErrorIn('train-error', error);
const guarded = guardedIn('train-error');

const typeOf = name => state.catalog.types.find(t => t.name === name);
const entryOf = folder => state.models.find(m => m.folder === folder);

function fieldFor(option, value, locked) {
  const label = document.createElement('label');
  label.title = `${option.description} (${option.range})`;
  label.append(option.key.replaceAll('_', ' ') + ' ');
  let input;
  if (option.kind === 'choice') {
    input = document.createElement('select');
    for (const choice of option.choices) input.add(new Option(choice, choice));
  } else if (option.kind === 'bool') {
    input = document.createElement('select');
    input.add(new Option('true', 'true'));
    input.add(new Option('false', 'false'));
  } else {
    input = document.createElement('input');
    input.type = option.kind === 'text' ? 'text' : 'number';
    if (option.min != null) input.min = option.min;
    if (option.max != null) input.max = option.max;
    input.step = option.kind === 'int' ? option.step : 'any';
  }
  input.name = option.key;
  input.value = value ?? '';
  input.disabled = locked;
  label.append(input);
  return label;
}

/** The options form of a model type with values; an existing model's options are shown, not editable. */
function renderOptions(type, values, locked) {
  const box = $('train-options');
  box.replaceChildren(box.querySelector('legend') ?? Object.assign(document.createElement('legend'), { textContent: 'Model options' }));
  for (const option of type.options) box.append(fieldFor(option, values[option.key], locked));
  $('train-type-summary').textContent = `${type.name}: ${type.summary}`;
}

async function loadPresetValues() {
  const type = typeOf($('train-type').value);
  renderOptions(type, await get('/train/options' + query({ type: type.name, preset: $('train-preset').value })), false);
}

async function loadModels(select) {
  state.models = await get('/train/models');
  const box = $('train-model');
  box.replaceChildren(new Option('New model…', ''));
  for (const m of state.models) box.add(new Option(`${m.folder} (iteration ${m.iteration})`, m.folder));
  box.value = select ?? state.model;
  if (box.value !== (select ?? state.model)) box.value = state.models[0]?.folder ?? '';
}

async function chooseModel() {
  state.model = $('train-model').value;
  state.shown = null;
  $('train-follow').checked = true;
  const entry = entryOf(state.model);
  $('train-new').hidden = !!entry;
  if (entry) renderOptions(typeOf(entry.modelType), entry.options, true);
  else await loadPresetValues();
  await refresh();
}

function runRequest() {
  const number = id => ($(id).value === '' ? null : Number($(id).value));
  const run = { batchSize: number('train-batch'), targetIteration: number('train-target'), maxMinutes: number('train-minutes'), previewEvery: number('train-preview-every') ?? 50 };
  const entry = entryOf(state.model);
  if (entry) return { modelType: entry.modelType, name: entry.name, ...run };
  const options = Object.fromEntries([...$('train-options').querySelectorAll('[name]')].map(i => [i.name, i.value]));
  return { modelType: $('train-type').value, name: $('train-name').value, preset: $('train-preset').value, options, ...run };
}

async function start(event) {
  event.preventDefault();
  const job = await post('/jobs/train', runRequest());
  const folder = job.resource.replace(/^model\//, '');
  state.model = folder;
  await loadModels(entryOf(folder) ? folder : '');
  if (!entryOf(folder)) {
    // Created when the job has opened it: until then, show it as the selected model anyway.
    $('train-model').add(new Option(`${folder} (new)`, folder));
    $('train-model').value = folder;
    $('train-new').hidden = true;
    [...$('train-options').querySelectorAll('[name]')].forEach(i => { i.disabled = true; });
  }
  await refresh();
}

const action = name => guarded(async () => { state.view = await post(`/train/${encodeURIComponent(state.model)}/${name}`); renderStatus(); });

function number(value, digits = 4) { return value == null ? '–' : Number(value).toFixed(digits); }

function renderStatus() {
  const view = state.view;
  const running = view?.job != null;
  for (const id of ['train-save', 'train-backup', 'train-stop']) $(id).disabled = !running;
  $('train-start').disabled = running;
  if (!view) {
    $('train-iteration').textContent = 'new model: not trained yet';
    for (const id of ['train-losses', 'train-speed', 'train-saved']) $(id).textContent = '';
    return;
  }
  const status = view.status;
  const iteration = status?.iteration ?? view.iteration;
  const target = view.targetIteration ? ` / ${view.targetIteration}` : '';
  $('train-iteration').textContent = `iteration ${iteration}${target}` + (running ? (status?.training ? ' · training' : ' · starting') : '');
  $('train-iteration').dataset.iteration = iteration;
  $('train-losses').textContent = status?.sourceLoss != null ? `src ${number(status.sourceLoss)} · dst ${number(status.destinationLoss)}` : '';
  $('train-speed').textContent = status?.lastIterationMs ? `${Math.round(status.lastIterationMs)} ms/iteration` : '';
  $('train-saved').textContent = status?.lastSave ? `saved ${new Date(status.lastSave).toLocaleTimeString()}` : (status?.lastMessage ?? '');
}

function renderTimeline() {
  const slider = $('train-timeline');
  const count = state.previews.length;
  slider.disabled = count < 2;
  slider.max = Math.max(0, count - 1);
  if ($('train-follow').checked) state.shown = null;
  const index = state.shown == null ? count - 1 : state.previews.indexOf(state.shown);
  slider.value = Math.max(0, index);
  const iteration = state.shown ?? state.previews[count - 1];
  $('train-timeline-label').textContent = count ? `iteration ${iteration} (${index + 1} of ${count})` : 'no previews kept yet';
  showPreview(iteration);
}

function showPreview(iteration) {
  const image = $('train-preview');
  if (!state.model || (iteration == null && !state.view?.iteration)) {
    image.hidden = true;
    $('train-preview-empty').hidden = false;
    return;
  }
  const src = `api/train/${encodeURIComponent(state.model)}/preview` + (iteration == null ? query({ t: Date.now() }) : query({ iteration }));
  if (image.dataset.iteration === String(iteration) && iteration != null) return;
  image.dataset.iteration = iteration ?? '';
  image.onload = () => { image.hidden = false; $('train-preview-empty').hidden = true; fitPreview(); };
  image.onerror = () => { image.hidden = true; $('train-preview-empty').hidden = false; };
  image.src = src;
}

/** The grid as large as the space allows, keeping its proportions: small models' previews are not thumbnails. */
function fitPreview() {
  const image = $('train-preview');
  const box = $('train-preview-box').getBoundingClientRect();
  if (!image.naturalWidth || !box.width) return;
  const scale = Math.min((box.width - 16) / image.naturalWidth, (box.height - 16) / image.naturalHeight);
  image.style.width = `${Math.floor(image.naturalWidth * scale)}px`;
  image.style.height = `${Math.floor(image.naturalHeight * scale)}px`;
}

function drawChart(curve) {
  const svg = $('loss-chart');
  const { width, height } = svg.getBoundingClientRect();
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const n = curve.iterations.length;
  svg.dataset.points = n;
  svg.dataset.last = n ? curve.iterations[n - 1] : 0;
  if (!n) {
    svg.innerHTML = `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" class="axis">no losses yet</text>`;
    return;
  }
  const values = [...curve.source, ...curve.destination].filter(Number.isFinite);
  const low = Math.min(...values), high = Math.max(...values);
  const first = curve.iterations[0], last = curve.iterations[n - 1];
  const pad = { left: 48, right: 8, top: 8, bottom: 18 };
  const x = i => pad.left + (last === first ? 0 : (i - first) / (last - first)) * (width - pad.left - pad.right);
  const y = v => pad.top + (high === low ? 0.5 : (high - v) / (high - low)) * (height - pad.top - pad.bottom);
  const line = series => series.map((v, i) => `${x(curve.iterations[i]).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  svg.innerHTML = `<polyline class="src" points="${line(curve.source)}"/><polyline class="dst" points="${line(curve.destination)}"/>
    <text class="axis" x="2" y="${pad.top + 8}">${number(high)}</text><text class="axis" x="2" y="${height - pad.bottom}">${number(low)}</text>
    <text class="axis" x="${pad.left}" y="${height - 4}">${first}</text><text class="axis" x="${width - pad.right}" y="${height - 4}" text-anchor="end">${last}</text>`;
}

async function load() {
  state.view = state.model ? await get(`/train/${encodeURIComponent(state.model)}`) : null;
  renderStatus();
  if (!state.view) {
    drawChart({ iterations: [], source: [], destination: [] });
    state.previews = [];
    renderTimeline();
    return;
  }
  state.previews = state.view.previews;
  renderTimeline();
  if (!state.view.status && !state.view.iteration) {
    drawChart({ iterations: [], source: [], destination: [] }); // a new model is still being opened: nothing saved to read
    return;
  }
  const range = { points: Math.max(100, Math.round($('loss-chart').getBoundingClientRect().width)), ...(state.last ? { last: state.last } : {}) };
  const curve = await get(`/train/${encodeURIComponent(state.model)}/losses` + query(range));
  drawChart(curve);
}

/** Reloads the selected model's status, losses and previews; calls while one runs are folded into one more. */
async function refresh() {
  if (state.refreshing) {
    state.again = true;
    return state.refreshing;
  }
  state.refreshing = (async () => {
    try {
      do {
        state.again = false;
        const started = Date.now();
        await load();
        const wait = MIN_REFRESH_MS - (Date.now() - started);
        if (state.again && wait > 0) await new Promise(resolve => setTimeout(resolve, wait));
      } while (state.again);
    } finally {
      state.refreshing = null;
    }
  })();
  return state.refreshing;
}

export async function initTrain() {
  state.catalog = await get('/train/catalog');
  for (const type of state.catalog.types) $('train-type').add(new Option(`${type.name}`, type.name));
  for (const preset of state.catalog.presets) $('train-preset').add(new Option(`${preset.name}: ${preset.description}`, preset.name));
  $('train-type').addEventListener('change', guarded(loadPresetValues));
  $('train-preset').addEventListener('change', guarded(loadPresetValues));
  $('train-model').addEventListener('change', guarded(chooseModel));
  $('train-form').addEventListener('submit', guarded(start));
  $('train-save').addEventListener('click', action('save'));
  $('train-backup').addEventListener('click', action('backup'));
  $('train-stop').addEventListener('click', action('stop'));
  $('train-timeline').addEventListener('input', () => {
    $('train-follow').checked = false;
    state.shown = state.previews[Number($('train-timeline').value)];
    renderTimeline();
  });
  $('train-follow').addEventListener('change', renderTimeline);
  for (const button of $('train-ranges').querySelectorAll('button')) {
    button.addEventListener('click', guarded(async () => {
      state.last = button.dataset.last;
      for (const b of $('train-ranges').querySelectorAll('button')) b.setAttribute('aria-pressed', b === button);
      await refresh();
    }));
  }
  $('train-ranges').querySelector('button').setAttribute('aria-pressed', 'true');
  window.addEventListener('resize', () => { fitPreview(); if (!$('train-page').hidden) refresh().catch(showError); });
  onJobUpdate((job, previous) => {
    if (job.kind !== 'train' || job.resource !== `model/${state.model}`) return;
    const ended = job.state !== 'running' && previous?.state === 'running';
    (ended ? loadModels(state.model).then(refresh) : refresh()).catch(showError);
  });
  await loadModels(null);
  await chooseModel();
}

/** Called when the page is shown: the preview and the chart take the space they now have. */
export function showTrain() {
  refresh().then(fitPreview).catch(showError);
}
