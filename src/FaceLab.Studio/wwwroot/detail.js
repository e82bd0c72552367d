// One face opened: its source frame with the detector box, the 68 landmarks and the outline of
// the aligned crop drawn over it (all in frame pixels, so the SVG's viewBox is the frame), the
// aligned face itself and its metadata.
import { get, query } from './api.js';

const SVG = 'http://www.w3.org/2000/svg';
const dialog = () => document.getElementById('face-detail');

function svgElement(name, attributes) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
}

function drawOverlay(face) {
  const svg = document.getElementById('detail-overlay');
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${face.frame.width} ${face.frame.height}`);
  const scale = Math.max(face.frame.width, face.frame.height) / 400; // strokes and dots keep their size on screen
  const [left, top, right, bottom] = face.sourceRect;
  svg.appendChild(svgElement('rect', { class: 'box', x: left, y: top, width: right - left, height: bottom - top, 'stroke-width': 1.5 * scale }));
  svg.appendChild(svgElement('polygon', { class: 'crop', points: face.cropOutline.map(p => p.join(',')).join(' '), 'stroke-width': 1.5 * scale }));
  for (const [x, y] of face.sourceLandmarks) svg.appendChild(svgElement('circle', { class: 'landmark', cx: x, cy: y, r: 1.6 * scale }));
}

function fillMetadata(face) {
  const rows = [
    ['file', face.path],
    ['face type', face.faceType],
    ['size', `${face.width} × ${face.height}`],
    ['source frame', face.sourceFilename + (face.frame?.path ? '' : ' (not found)')],
    ['box', face.sourceRect.map(v => Math.round(v)).join(', ')],
    ['detector', face.detector],
    ['landmarker', face.landmarker],
    ['eyebrows expand', face.eyebrowsExpandMod],
    ['mask polygons', face.hasMaskPolygons ? 'yes' : 'no'],
    ['trained mask', face.hasTrainedMask ? 'yes' : 'no'],
    ['FaceLab version', face.toolVersion],
  ];
  document.getElementById('detail-metadata').replaceChildren(...rows.map(([key, value]) => {
    const row = document.createElement('tr');
    const th = document.createElement('th');
    th.textContent = key;
    const td = document.createElement('td');
    td.textContent = value;
    row.append(th, td);
    return row;
  }));
}

/** Opens the face at path (relative to the workspace) in the dialog. */
export async function openFace(path, version) {
  const face = await get('/face' + query({ path }));
  document.getElementById('detail-title').textContent = face.name;
  document.getElementById('detail-face').src = 'api/image' + query({ path, v: version });
  const frame = document.getElementById('detail-frame');
  const box = document.getElementById('detail-frame-box');
  if (face.frame?.path) {
    box.hidden = false;
    frame.src = 'api/image' + query({ path: face.frame.path });
    drawOverlay(face);
  } else {
    box.hidden = true;
  }
  fillMetadata(face);
  if (!dialog().open) dialog().showModal();
}

export function initDetail() {
  document.getElementById('detail-close').addEventListener('click', () => dialog().close());
}
