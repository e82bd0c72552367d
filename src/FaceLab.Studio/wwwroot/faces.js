// The Faces page: the workspace's face sets as a virtualised thumbnail grid; sort (a job), select
// ranges, move the selection to the trash, restore the trash, open a face.
import { get, guardedBy, post, query, showErrorIn } from './api.js';
import { VirtualGrid } from './grid.js';
import { Selection } from './selection.js';
import { openFace } from './detail.js';
import { onJobUpdate } from './jobs.js';

const state = { folder: null, faces: [], inTrash: 0, loadedAt: 0 };
const selection = new Selection();
let grid;

const $ = id => document.getElementById(id);

export const showError = error => showErrorIn('error', error);

/** Runs an action of the page; its failure is shown rather than lost. */
const guarded = guardedBy(showError);

function tileFor(index) {
  const face = state.faces[index];
  const tile = document.createElement('div');
  tile.className = selection.has(face.name) ? 'tile selected' : 'tile';
  tile.dataset.name = face.name;
  const image = document.createElement('img');
  image.loading = 'lazy';
  image.alt = face.name;
  image.src = 'api/thumbnail' + query({ path: `${state.folder}/${face.name}`, v: face.version });
  const label = document.createElement('span');
  label.textContent = face.name;
  tile.append(image, label);
  return tile;
}

function updateStatus() {
  $('face-count').textContent = `${state.faces.length} faces`;
  $('selection-status').textContent = selection.size ? `${selection.size} selected` : '';
  $('trash-button').disabled = selection.size === 0;
  const restore = $('restore-button');
  restore.disabled = state.inTrash === 0;
  restore.textContent = `Restore trash (${state.inTrash})`;
}

async function load(folder) {
  if (folder !== state.folder) selection.clear();
  state.folder = folder;
  for (const tab of document.querySelectorAll('#set-tabs button')) tab.setAttribute('aria-selected', tab.dataset.folder === folder);
  state.loadedAt = Date.now(); // before asking: a job that ends after this may have changed the answer
  const listing = await get('/faces' + query({ folder }));
  state.faces = listing.faces;
  state.inTrash = listing.inTrash;
  selection.retain(state.faces);
  grid.setCount(state.faces.length);
  updateStatus();
  document.body.dataset.folder = folder;
}

const moveSelectionToTrash = guarded(async () => {
  const names = state.faces.filter(f => selection.has(f.name)).map(f => f.name);
  if (names.length === 0) return;
  await post('/faces/trash', { folder: state.folder, names });
  selection.clear();
  await load(state.folder);
});

const restoreTrash = guarded(async () => {
  await post('/faces/restore', { folder: state.folder });
  await load(state.folder);
});

const sort = guarded(async () => {
  const count = $('sort-count').value;
  await post('/jobs/sort', { folder: state.folder, method: $('sort-method').value, count: count === '' ? null : Number(count) });
});

/** Faces live in FRAMES/aligned: extraction of the frames not extracted yet (a resume, never a redo). */
const extract = guarded(async () => {
  await post('/jobs/extract', { frames: state.folder.replace(/\/aligned$/, '') });
});

function click(index, event) {
  selection.click(state.faces, index, event);
  grid.refresh();
  updateStatus();
}

const open = guarded(async index => {
  const face = state.faces[index];
  await openFace(`${state.folder}/${face.name}`, face.version);
});

function keydown(event) {
  if (event.key === 'Delete') moveSelectionToTrash();
  else if (event.key === 'Enter' && selection.anchor !== null) open(selection.anchor);
}

export async function initFaces() {
  grid = new VirtualGrid($('grid'), $('grid-spacer'), { tileFor, onClick: click, onOpen: open });
  const [sets, methods] = await Promise.all([get('/facesets'), get('/sort-methods')]);
  $('sort-method').replaceChildren(...methods.map(m => {
    const option = document.createElement('option');
    option.value = m.name;
    option.textContent = m.name;
    option.title = m.description;
    return option;
  }));
  $('set-tabs').replaceChildren(...sets.map(set => {
    const tab = document.createElement('button');
    tab.setAttribute('role', 'tab');
    tab.dataset.folder = set.folder;
    tab.textContent = `${set.label}: ${set.folder}`;
    tab.disabled = !set.exists;
    tab.addEventListener('click', guarded(() => load(set.folder)));
    return tab;
  }));
  $('trash-button').addEventListener('click', moveSelectionToTrash);
  $('restore-button').addEventListener('click', restoreTrash);
  $('sort-button').addEventListener('click', sort);
  $('extract-button').addEventListener('click', extract);
  $('grid').addEventListener('keydown', keydown);
  // A job that changed the folder on show (a sort renames its faces) reloads it when it ends: seen
  // running before, or (a quick job the live channel first showed finished) ended after the listing.
  onJobUpdate((job, previous) => {
    if (job.state === 'running' || job.resource !== state.folder || previous?.state === job.state) return;
    if (previous?.state === 'running' || Date.parse(job.ended) > state.loadedAt) guarded(load)(state.folder);
  });
  const first = sets.find(s => s.exists);
  if (first) await guarded(load)(first.folder);
}
