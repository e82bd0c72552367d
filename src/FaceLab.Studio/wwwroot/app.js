// FaceLab Studio's page: the Faces, Manual faces, Train and Merge views and the jobs panel.
import { initJobs } from './jobs.js';
import { initFaces, showError } from './faces.js';
import { initDetail } from './detail.js';
import { initManual, showManual } from './manual.js';
import { initTrain, showTrain } from './train.js';
import { initMerge, showMerge } from './merge.js';

/** Pages by their address (#faces, #manual, #train, #merge); each is called when its page is shown. */
const pages = { faces: () => {}, manual: showManual, train: showTrain, merge: showMerge };

/** Shows the page the address names; the others stay in the document, hidden. */
function route() {
  const name = location.hash.slice(1) in pages ? location.hash.slice(1) : 'faces';
  for (const section of document.querySelectorAll('main > section')) section.hidden = section.id !== `${name}-page`;
  for (const link of document.querySelectorAll('nav a')) link.classList.toggle('active', link.getAttribute('href') === `#${name}`);
  return pages[name]();
}

async function start() {
  initDetail();
  initJobs();
  initManual();
  initMerge();
  await initFaces();
  await initTrain();
  window.addEventListener('hashchange', route);
  await route();
  document.body.dataset.ready = 'true';
}

start().catch(showError);
