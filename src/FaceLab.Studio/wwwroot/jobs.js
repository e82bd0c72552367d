// The jobs panel, fed by the live channel (server-sent events): each job is sent whole whenever
// it changed. The channel reconnects by itself and then sends every job again.
import { get, post, query } from './api.js';

const jobs = new Map(); // id -> snapshot
const listeners = [];

/** Calls listener(job, previous) on every update of a job. */
export function onJobUpdate(listener) { listeners.push(listener); }

function progressText(job) {
  const p = job.progress;
  if (!p) return '';
  return p.total != null ? `${p.stage}: ${p.done} / ${p.total} ${p.unit}` : `${p.stage}: ${p.done} ${p.unit}`;
}

function render(job) {
  let item = document.getElementById(`job-${job.id}`);
  if (!item) {
    item = document.createElement('li');
    item.id = `job-${job.id}`;
    item.className = 'job';
    item.innerHTML = `<div class="job-head"><span class="job-title"></span><span class="job-state"></span></div>
      <progress></progress><div class="job-progress"></div><div class="job-result"></div>
      <div class="job-actions"><button class="job-cancel">Cancel</button><button class="job-log-toggle">Log</button></div>
      <pre class="job-log" hidden></pre>`;
    item.querySelector('.job-cancel').addEventListener('click', () => post(`/jobs/${job.id}/cancel`));
    item.querySelector('.job-log-toggle').addEventListener('click', () => toggleLog(job.id, item));
    document.getElementById('job-list').prepend(item);
    document.getElementById('jobs-empty').hidden = true;
  }
  item.dataset.state = job.state;
  item.querySelector('.job-title').textContent = `#${job.id} ${job.kind} ${job.resource}`;
  item.querySelector('.job-state').textContent = job.state;
  const bar = item.querySelector('progress');
  if (job.progress?.total) { bar.max = job.progress.total; bar.value = job.progress.done; } else if (job.state !== 'running') { bar.max = 1; bar.value = 1; } else { bar.removeAttribute('value'); }
  item.querySelector('.job-progress').textContent = progressText(job);
  item.querySelector('.job-result').textContent = job.error
    ? `${job.error.subject}: ${job.error.problem}${job.error.hint ? ` (${job.error.hint})` : ''}`
    : job.summary ?? '';
  item.querySelector('.job-cancel').hidden = job.state !== 'running';
  const log = item.querySelector('.job-log');
  if (!log.hidden) loadLog(job.id, log);
}

async function loadLog(id, log) {
  const lines = await get(`/jobs/${id}/log` + query({ from: 0 }));
  log.textContent = lines.map(l => `${new Date(l.time).toLocaleTimeString()}  ${l.text}`).join('\n');
}

function toggleLog(id, item) {
  const log = item.querySelector('.job-log');
  log.hidden = !log.hidden;
  if (!log.hidden) loadLog(id, log);
}

function update(job) {
  const previous = jobs.get(job.id);
  jobs.set(job.id, job);
  render(job);
  for (const listener of listeners) listener(job, previous);
}

export function initJobs() {
  const events = new EventSource('api/events');
  events.addEventListener('job', event => update(JSON.parse(event.data)));
  events.addEventListener('open', () => { document.body.dataset.live = 'connected'; });
  events.addEventListener('error', () => { document.body.dataset.live = 'reconnecting'; });
}
