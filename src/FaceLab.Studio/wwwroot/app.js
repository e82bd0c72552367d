// FaceLab Studio's page: the Faces view and the jobs panel (later: manual faces, train, merge).
import { initJobs } from './jobs.js';
import { initFaces, showError } from './faces.js';
import { initDetail } from './detail.js';
import { initManual } from './manual.js';

async function start() {
  initDetail();
  initJobs();
  initManual();
  await initFaces();
  document.body.dataset.ready = 'true';
}

start().catch(showError);
