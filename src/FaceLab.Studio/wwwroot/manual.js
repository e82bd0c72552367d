// The Manual faces page: step through a frames folder (all frames, or those without a face), draw
// or move a face box and see the landmarks the landmarker finds for it while dragging, drag any of
// the 68 points, then accept (Enter: the faces replace the frame's faces and the next frame opens),
// skip (Space) or go back and forth (arrows). Zoom for small faces. All geometry is in frame
// pixels: the SVG over the frame has the frame's size as its viewBox.
import { get, post, query } from './api.js';

const SVG = 'http://www.w3.org/2000/svg';
const MIN_BOX = 8;

const state = {
  folder: 'data_dst',
  frames: [],
  index: 0,
  faces: [],        // [{ box: [l, t, r, b], landmarks: [[x, y] * 68] | null }]
  selected: -1,
  drag: null,       // { kind: 'draw' | 'move' | 'point', face, start, original, point }
  zoom: 1,
  frameSize: null,
  loads: 0,         // newest frame list or frame asked for: older answers are dropped
};

const $ = id => document.getElementById(id);
const page = () => $('manual-page');
const overlay = () => $('manual-overlay');

function showError(error) {
  const box = $('manual-error');
  box.textContent = error ? String(error.message ?? error) : '';
  box.hidden = !error;
}

function svgElement(name, attributes) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
}

/** The pointer's position in frame pixels. */
function framePoint(event) {
  const svg = overlay();
  const point = svg.createSVGPoint();
  point.x = event.clientX;
  point.y = event.clientY;
  const p = point.matrixTransform(svg.getScreenCTM().inverse());
  return [p.x, p.y];
}

function normalised([x1, y1, x2, y2]) {
  return [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)];
}

function draw() {
  const svg = overlay();
  svg.replaceChildren();
  if (!state.frameSize) return;
  const { width, height } = state.frameSize;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const unit = Math.max(width, height) / (600 * state.zoom); // strokes and dots keep their size on screen
  state.faces.forEach((face, i) => {
    const [l, t, r, b] = face.box;
    svg.appendChild(svgElement('rect', {
      class: 'box' + (i === state.selected ? ' selected' : ''), 'data-face': i,
      x: l, y: t, width: r - l, height: b - t, 'stroke-width': 2 * unit,
    }));
    (face.landmarks ?? []).forEach(([x, y], p) => svg.appendChild(svgElement('circle', {
      class: 'landmark', 'data-face': i, 'data-point': p, cx: x, cy: y, r: 2.5 * unit,
    })));
  });
}

function frame() { return state.frames[state.index]; }

function updateStatus() {
  const current = frame();
  $('manual-position').textContent = current
    ? `${state.index + 1} / ${state.frames.length}: ${current.name} (${current.faces} ${current.faces === 1 ? 'face' : 'faces'})`
    : 'no frames';
  $('manual-accept').disabled = !current || state.faces.some(f => !f.landmarks);
  $('manual-zoom-level').textContent = `${state.zoom}×`;
}

// Landmarks follow the box while it is drawn or moved: one request at a time, the newest box next.
const pending = new Map(); // face → request in flight
async function locate(face) {
  page().dataset.located = 'false';
  if (pending.has(face)) { face.stale = true; return; }
  const box = [...face.box];
  const request = post('/manual/landmarks', { folder: state.folder, frame: frame().name, box });
  pending.set(face, request);
  try {
    const answer = await request;
    if (state.faces.includes(face) && !face.edited) face.landmarks = answer.landmarks;
    showError(null);
  } catch (error) {
    if (state.faces.includes(face)) face.landmarks = null;
    showError(error);
  } finally {
    pending.delete(face);
  }
  if (face.stale) { face.stale = false; return locate(face); }
  draw();
  updateStatus();
  page().dataset.located = String(state.faces.every(f => f.landmarks) && pending.size === 0);
}

async function openFrame(index) {
  if (state.frames.length === 0) { state.faces = []; state.frameSize = null; draw(); updateStatus(); return; }
  state.index = Math.max(0, Math.min(index, state.frames.length - 1));
  const current = frame();
  const load = ++state.loads;
  page().dataset.frame = current.name;
  page().dataset.located = 'false';
  const image = $('manual-frame');
  const loaded = new Promise((resolve, reject) => { image.onload = resolve; image.onerror = reject; });
  image.src = 'api/image' + query({ path: current.path });
  const [faces] = await Promise.all([get('/manual/faces' + query({ folder: state.folder, frame: current.name })), loaded]);
  if (load !== state.loads) return;
  state.frameSize = { width: image.naturalWidth, height: image.naturalHeight };
  state.faces = faces.map(f => ({ box: f.box, landmarks: f.landmarks }));
  state.selected = state.faces.length > 0 ? 0 : -1;
  applyZoom();
  draw();
  updateStatus();
  page().dataset.located = String(state.faces.every(f => f.landmarks));
}

async function loadFrames() {
  const withoutFaces = $('manual-without-faces').checked;
  const load = ++state.loads;
  const answer = await get('/manual/frames' + query({ folder: state.folder, withoutFaces }));
  if (load !== state.loads) return;
  state.frames = answer.frames;
  await openFrame(0);
}

async function accept() {
  const current = frame();
  if (!current || state.faces.some(f => !f.landmarks)) return;
  const faces = state.faces.map(f => ({ box: normalised(f.box), landmarks: f.landmarks }));
  const answer = await post('/manual/accept', { folder: state.folder, frame: current.name, faces });
  current.faces = answer.written.length;
  page().dataset.accepted = current.name;
  await openFrame(state.index + 1);
}

/** At 1× the frame fits the viewport; zooming scales that and the viewport scrolls. */
function applyZoom() {
  if (!state.frameSize) return;
  const viewport = $('manual-viewport');
  const room = { width: viewport.clientWidth - 32, height: viewport.clientHeight - 16 };
  const fitted = Math.max(64, Math.min(room.width, room.height * state.frameSize.width / state.frameSize.height));
  $('manual-stage').style.width = `${Math.round(fitted * state.zoom)}px`;
}

function setZoom(zoom) {
  state.zoom = Math.max(1, Math.min(8, zoom));
  applyZoom();
  draw();
  updateStatus();
}

function onPointerDown(event) {
  if (!state.frameSize || event.button !== 0) return;
  const at = framePoint(event);
  const target = event.target;
  if (target.classList.contains('landmark')) {
    const face = state.faces[Number(target.dataset.face)];
    state.drag = { kind: 'point', face, point: Number(target.dataset.point) };
  } else if (target.classList.contains('box')) {
    const face = state.faces[Number(target.dataset.face)];
    state.selected = state.faces.indexOf(face);
    state.drag = { kind: 'move', face, start: at, original: [...face.box] };
  } else {
    const face = { box: [at[0], at[1], at[0], at[1]], landmarks: null };
    state.faces.push(face);
    state.selected = state.faces.length - 1;
    state.drag = { kind: 'draw', face, start: at };
  }
  overlay().setPointerCapture(event.pointerId);
  event.preventDefault();
  draw();
  updateStatus();
}

function onPointerMove(event) {
  const drag = state.drag;
  if (!drag) return;
  const [x, y] = framePoint(event);
  if (drag.kind === 'point') {
    drag.face.landmarks[drag.point] = [x, y];
    drag.face.edited = true;
  } else if (drag.kind === 'move') {
    const [dx, dy] = [x - drag.start[0], y - drag.start[1]];
    const [l, t, r, b] = drag.original;
    drag.face.box = [l + dx, t + dy, r + dx, b + dy];
    drag.face.edited = false;
    locate(drag.face);
  } else {
    drag.face.box = normalised([drag.start[0], drag.start[1], x, y]);
    const [l, t, r, b] = drag.face.box;
    if (r - l >= MIN_BOX && b - t >= MIN_BOX) locate(drag.face);
  }
  draw();
}

function onPointerUp() {
  const drag = state.drag;
  state.drag = null;
  if (!drag) return;
  if (drag.kind === 'draw') {
    const [l, t, r, b] = drag.face.box;
    if (r - l < MIN_BOX || b - t < MIN_BOX) {
      state.faces.splice(state.faces.indexOf(drag.face), 1);
      state.selected = state.faces.length - 1;
    } else {
      locate(drag.face);
    }
  } else if (drag.kind === 'move') {
    locate(drag.face);
  }
  draw();
  updateStatus();
}

function removeSelected() {
  if (state.selected < 0) return;
  state.faces.splice(state.selected, 1);
  state.selected = state.faces.length - 1;
  draw();
  updateStatus();
}

function onKey(event) {
  if (page().hidden || event.target.matches('input:not([type=checkbox]), select, textarea') || document.querySelector('dialog[open]')) return;
  const actions = {
    Enter: () => accept(),
    ' ': () => openFrame(state.index + 1),
    ArrowRight: () => openFrame(state.index + 1),
    ArrowLeft: () => openFrame(state.index - 1),
    Delete: () => removeSelected(),
    '+': () => setZoom(state.zoom * 2),
    '-': () => setZoom(state.zoom / 2),
  };
  const action = actions[event.key];
  if (!action) return;
  event.preventDefault();
  Promise.resolve(action()).catch(showError);
}

/** Called by the page shell when the Manual faces page is shown: loads its frames the first time. */
export function showManual() {
  if (state.frames.length === 0 && !state.loading) {
    state.loading = loadFrames().catch(showError).finally(() => { state.loading = null; });
  }
}

export function initManual() {
  const svg = overlay();
  svg.addEventListener('pointerdown', onPointerDown);
  svg.addEventListener('pointermove', onPointerMove);
  svg.addEventListener('pointerup', onPointerUp);
  svg.addEventListener('pointercancel', onPointerUp);
  document.addEventListener('keydown', onKey);
  $('manual-folder').addEventListener('change', e => { state.folder = e.target.value; loadFrames().catch(showError); });
  $('manual-without-faces').addEventListener('change', e => { e.target.blur(); loadFrames().catch(showError); });
  $('manual-prev').addEventListener('click', () => openFrame(state.index - 1).catch(showError));
  $('manual-skip').addEventListener('click', () => openFrame(state.index + 1).catch(showError));
  $('manual-accept').addEventListener('click', () => accept().catch(showError));
  $('manual-zoom-in').addEventListener('click', () => setZoom(state.zoom * 2));
  $('manual-zoom-out').addEventListener('click', () => setZoom(state.zoom / 2));
}
