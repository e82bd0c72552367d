// FaceLab Studio's page: the Faces and Train views and the jobs panel (later: manual faces, merge).
import { initJobs } from './jobs.js';
import { initFaces, showError } from './faces.js';
import { initDetail } from './detail.js';
import { initTrain, showTrain } from './train.js';
import { initManual, showManual } from './manual.js';

/** Shows the page the address names (#faces, #manual, #train); the others stay in the document, hidden. */
function route() {
  const name = location.hash.slice(1) || 'faces';
  const page = document.getElementById(`${name}-page`) ?? document.getElementById('faces-page');
  for (const section of document.querySelectorAll('main > section')) section.hidden = section !== page;
  for (const link of document.querySelectorAll('nav a')) link.classList.toggle('active', link.getAttribute('href') === `#${page.id.replace(/-page$/, '')}`);
  if (page.id === 'train-page') showTrain();
  if (page.id === 'manual-page') showManual();
}

async function start() {
  initDetail();
  initJobs();
  initManual();
  await initFaces();
  await initTrain();
  window.addEventListener('hashchange', route);
  route();
  document.body.dataset.ready = 'true';
}

start().catch(showError);
