// The Merge page: any dst frame merged with the settings of the form, updated on every change
// (the server keeps the model's prediction of each frame, so a change only blends again); the
// original beside it (toggle and split slider), zoom; the settings saved for every frame or a
// range (the model's merge.json, which the CLI's merge reads too); the merge, assembly and
// evaluation as jobs; the assembled video played.
import { ApiError, get, post, query } from './api.js';
import { guardedIn, showErrorIn } from './errors.js';
import { onJobUpdate } from './jobs.js';

const $ = id => document.getElementById(id);
const state = { model: null, frames: [], index: 0, settings: null, saved: null, overrides: {}, fields: [] };
const render = { inFlight: false, pending: false, changedAt: 0, version: 0 };

const showMergeError = error => showErrorIn('merge-error', error);
const guarded = guardedIn('merge-error');

const frame = () => state.frames[state.index];
const plural = (count, noun) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** The form's fields, generated from the server's description of the merge options. */
function buildForm(fields) {
  const box = $('merge-fields');
  box.replaceChildren();
  for (const field of fields) {
    const label = document.createElement('label');
    label.className = 'merge-field';
    label.append(Object.assign(document.createElement('span'), { textContent: field.label }));
    let input;
    if (field.kind === 'choice') {
      input = document.createElement('select');
      for (const choice of field.choices) input.append(new Option(choice, choice));
    } else if (field.kind === 'bool') {
      input = Object.assign(document.createElement('input'), { type: 'checkbox' });
    } else {
      const slider = Object.assign(document.createElement('input'), { type: 'range', min: field.min, max: field.max, step: 1 });
      slider.className = 'merge-slider';
      slider.dataset.for = field.key;
      input = Object.assign(document.createElement('input'), { type: 'number', min: field.min, max: field.max, step: 1 });
      slider.addEventListener('input', () => { input.value = slider.value; changed(); });
      label.append(slider);
    }
    input.name = field.key;
    input.id = `merge-${field.key}`;
    input.addEventListener(field.kind === 'int' ? 'input' : 'change', () => {
      const slider = box.querySelector(`.merge-slider[data-for="${field.key}"]`);
      if (slider) slider.value = input.value;
      changed();
    });
    label.append(input);
    box.append(label);
  }
}

function readForm() {
  const settings = {};
  for (const field of state.fields) {
    const input = $(`merge-${field.key}`);
    settings[field.key] = field.kind === 'bool' ? input.checked : field.kind === 'int' ? Number(input.value) : input.value;
  }
  return settings;
}

function fillForm(settings) {
  for (const field of state.fields) {
    const input = $(`merge-${field.key}`);
    if (field.kind === 'bool') input.checked = settings[field.key];
    else input.value = settings[field.key];
    const slider = document.querySelector(`.merge-slider[data-for="${field.key}"]`);
    if (slider) slider.value = settings[field.key];
  }
}

/** The saved settings of the current frame: its own, or those of every frame. */
const savedFor = name => state.overrides[name] ?? state.saved;

function changed() {
  if (!render.pending) render.changedAt = performance.now();
  render.pending = true;
  if (!render.inFlight) pump();
}

/** One preview request at a time; changes made meanwhile are sent together when it returns. */
async function pump() {
  render.inFlight = true;
  try {
    while (render.pending) {
      render.pending = false;
      const changedAt = render.changedAt;
      const name = frame().name;
      const response = await fetch('api/merge/preview', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ model: state.model, frame: name, settings: readForm() }),
      });
      if (!response.ok) {
        const data = await response.json().catch(() => null);
        throw new ApiError(response.status, data?.error ?? { subject: 'preview', problem: `HTTP ${response.status}` });
      }
      const url = await dataUrl(await response.blob());
      const image = $('merge-result');
      image.src = url;
      await image.decode();
      const latency = performance.now() - changedAt;
      image.dataset.version = String(++render.version);
      image.dataset.latency = latency.toFixed(0);
      image.dataset.frame = name;
      const predicted = response.headers.get('X-Merge-Predicted') === 'true';
      $('merge-status').textContent = `${latency.toFixed(0)} ms` +
        ` (server ${response.headers.get('X-Merge-Milliseconds')} ms${predicted ? ', model ran' : ', prediction reused'}); ` +
        plural(Number(response.headers.get('X-Merge-Faces')), 'face');
      showMergeError(null);
    }
  } catch (error) {
    showMergeError(error);
  } finally {
    render.inFlight = false;
  }
}

/** The page's policy allows data: images, not blob: ones. */
const dataUrl = blob => new Promise((resolve, reject) => {
  const reader = new FileReader();
  reader.onload = () => resolve(reader.result);
  reader.onerror = () => reject(reader.error);
  reader.readAsDataURL(blob);
});

function showFrame(index) {
  state.index = Math.max(0, Math.min(state.frames.length - 1, index));
  const current = frame();
  $('merge-frame').value = String(state.index + 1);
  $('merge-frame-name').textContent = `${current.name} (${state.index + 1} / ${state.frames.length}), ` +
    plural(current.faces, 'face') + (current.own ? ', own settings' : '');
  $('merge-original').src = 'api/image' + query({ path: `data_dst/${current.name}` });
  changed();
}

function updateView() {
  const showOriginal = $('merge-show-original').checked;
  const split = Number($('merge-split').value);
  // The result covers the original left of the split line; "original" hides it altogether.
  $('merge-result').style.clipPath = showOriginal ? 'inset(0 100% 0 0)' : `inset(0 ${100 - split}% 0 0)`;
  const zoom = $('merge-zoom').value;
  const stage = $('merge-stage');
  stage.classList.toggle('fit', zoom === 'fit');
  stage.style.width = zoom === 'fit' ? '' : `${$('merge-original').naturalWidth * Number(zoom)}px`;
}

async function loadModels() {
  const models = await get('/merge/models');
  const select = $('merge-model');
  select.replaceChildren(...models.map(m => new Option(`${m.folderName} (#${m.iteration})`, m.folderName)));
  $('merge-no-model').hidden = models.length > 0;
  $('merge-body').hidden = models.length === 0;
  if (models.length > 0) await loadState(state.model && models.some(m => m.folderName === state.model) ? state.model : models[0].folderName);
}

async function loadState(model) {
  const view = await get('/merge/state' + query({ model }));
  const first = state.fields.length === 0;
  Object.assign(state, { model: view.model.folderName, frames: view.frames, saved: view.settings, overrides: view.overrides, fields: view.fields });
  $('merge-model').value = state.model;
  $('merge-model-info').textContent = `iteration ${view.model.iteration}, ${view.model.resolution} px ${view.model.faceType}` +
    (view.saved ? '' : '; settings not saved yet (defaults)');
  $('merge-frame').max = String(view.frames.length);
  if (first) {
    buildForm(view.fields);
    fillForm(savedFor(view.frames[0]?.name));
  }
  showVideo(view.result);
  if (view.evaluated) await loadEvaluation(); else $('merge-evaluation').replaceChildren();
  if (view.frames.length > 0) showFrame(Math.min(state.index, view.frames.length - 1));
}

function showVideo(name) {
  const video = $('merge-video');
  video.hidden = !name;
  if (name) video.src = 'api/video' + query({ path: name, v: Date.now() });
}

async function loadEvaluation() {
  const report = await get('/merge/evaluation' + query({ model: state.model }));
  const rows = [];
  const walk = (prefix, value) => {
    if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) walk(prefix ? `${prefix}.${key}` : key, inner);
    else if (typeof value === 'number') rows.push([prefix, Number.isInteger(value) ? String(value) : value.toFixed(3)]);
  };
  walk('', report);
  $('merge-evaluation').replaceChildren(...rows.map(([key, value]) => {
    const row = document.createElement('tr');
    row.append(Object.assign(document.createElement('th'), { textContent: key.replaceAll('_', ' ') }), Object.assign(document.createElement('td'), { textContent: value }));
    return row;
  }));
}

async function apply(frames) {
  const saved = await post('/merge/apply', { model: state.model, settings: readForm(), frames });
  $('merge-saved').textContent = `saved in ${saved.saved}` + (saved.overrides ? ` (${saved.overrides} frames with their own settings)` : '');
  await loadState(state.model);
}

const assembly = () => ({ fps: $('merge-fps').value || null, allowLengthChange: true });

export function initMerge() {
  $('merge-model').addEventListener('change', guarded(() => loadState($('merge-model').value)));
  $('merge-frame').addEventListener('input', () => showFrame(Number($('merge-frame').value) - 1));
  $('merge-prev').addEventListener('click', () => showFrame(state.index - 1));
  $('merge-next').addEventListener('click', () => showFrame(state.index + 1));
  $('merge-view').addEventListener('keydown', event => {
    if (event.key === 'ArrowLeft') showFrame(state.index - 1);
    else if (event.key === 'ArrowRight') showFrame(state.index + 1);
  });
  for (const id of ['merge-show-original', 'merge-split', 'merge-zoom']) $(id).addEventListener('input', updateView);
  $('merge-original').addEventListener('load', updateView);
  $('merge-apply-all').addEventListener('click', guarded(() => apply(null)));
  $('merge-apply-range').addEventListener('click', guarded(() => apply($('merge-range').value)));
  $('merge-revert').addEventListener('click', () => { fillForm(savedFor(frame().name)); changed(); });
  $('merge-run').addEventListener('click', guarded(() =>
    post('/jobs/merge', { model: state.model, assemble: $('merge-then-assemble').checked ? assembly() : null })));
  $('merge-assemble').addEventListener('click', guarded(() => post('/jobs/assemble', assembly())));
  $('merge-evaluate').addEventListener('click', guarded(() => post('/jobs/evaluate', { model: state.model })));
  onJobUpdate((job, previous) => {
    const ended = job.state === 'succeeded' && previous?.state === 'running';
    if (ended && ['merge', 'video assemble', 'evaluate'].includes(job.kind) && state.model) guarded(() => loadState(state.model))();
  });
}

/** Called when the page is shown: the models and frames as they are now (training or extraction may have changed them). */
export const showMerge = guarded(loadModels);
