// FaceLab Studio's page: the Faces and Merge views and the jobs panel (later: manual faces, train).
import { initJobs } from './jobs.js';
import { initFaces, showError } from './faces.js';
import { initDetail } from './detail.js';
import { initMerge, showMerge } from './merge.js';

/** Pages by their address (#faces, #merge); called when a page is shown. */
const pages = { faces: () => {}, merge: showMerge };

function route() {
  const name = location.hash.slice(1) in pages ? location.hash.slice(1) : 'faces';
  for (const section of document.querySelectorAll('main > section')) section.hidden = section.id !== `${name}-page`;
  for (const link of document.querySelectorAll('nav a')) link.classList.toggle('active', link.getAttribute('href') === `#${name}`);
  return pages[name]();
}

async function start() {
  initDetail();
  initJobs();
  initMerge();
  await initFaces();
  window.addEventListener('hashchange', route);
  await route();
  document.body.dataset.ready = 'true';
}

start().catch(showError);
