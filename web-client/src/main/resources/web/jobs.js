// The jobs page: the caller's jobs (status, attempts, times), their outputs as thumbnails through their signed
// URLs, a job's log, and a screenshot form. The API key is the one the sessions page keeps in localStorage.

import { SessionsApi } from './api.js';

const KEY_STORAGE = 'cloudbrowser.apiKey';
const REFRESH_MS = 3000;
const byId = (id) => document.getElementById(id);
const page = { api: null, shownLog: null };

function start() {
  const key = localStorage.getItem(KEY_STORAGE);
  byId('no-key').hidden = Boolean(key);
  byId('signed-in').hidden = !key;
  if (!key) return;
  page.api = new SessionsApi(key);
  byId('submit-form').addEventListener('submit', onSubmit);
  byId('refresh').addEventListener('click', refresh);
  refresh();
  setInterval(() => document.visibilityState === 'visible' && refresh(), REFRESH_MS);
}

async function onSubmit(e) {
  e.preventDefault();
  try {
    const job = await page.api.submitScreenshot(byId('job-url').value.trim());
    byId('submit-status').textContent = `Job ${job.id} is ${job.status}.`;
    showError(null);
    await refresh();
  } catch (err) {
    showError(err);
  }
}

async function refresh() {
  try {
    const jobs = await page.api.listJobs();
    byId('job-rows').replaceChildren(...jobs.map(row));
    byId('empty').hidden = jobs.length > 0;
    if (page.shownLog) await showLog(page.shownLog);
    showError(null);
  } catch (err) {
    showError(err);
  }
}

function row(job) {
  const tr = document.createElement('tr');
  tr.dataset.jobId = job.id;
  const status = job.status + (job.deadLettered ? ' (dead-lettered)' : '') + (job.error ? `: ${job.error.code}` : '');
  for (const [name, text] of [['id', job.id], ['type', job.type], ['status', status],
    ['attempts', `${job.attempts} / ${job.maxAttempts}`], ['created', time(job.createdAt)], ['ended', time(job.endedAt)]]) {
    const td = document.createElement('td');
    td.dataset.col = name;
    td.textContent = text;
    tr.append(td);
  }
  const outputs = document.createElement('td');
  outputs.dataset.col = 'outputs';
  for (const output of job.outputs ?? []) {
    const link = document.createElement('a');
    link.href = output.url;
    link.target = '_blank';
    link.rel = 'noopener';
    const img = document.createElement('img');
    img.src = output.url;
    img.alt = `${output.name} of job ${job.id}`;
    img.className = 'thumbnail';
    link.append(img);
    outputs.append(link);
  }
  tr.append(outputs);
  const logCell = document.createElement('td');
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Log';
  button.setAttribute('aria-label', `Log: job ${job.id}`);
  button.addEventListener('click', () => showLog(job.id));
  logCell.append(button);
  tr.append(logCell);
  return tr;
}

async function showLog(id) {
  page.shownLog = id;
  const events = await page.api.jobLog(id);
  byId('log-heading').textContent = `Log of ${id}`;
  byId('job-log').textContent = events.map((e) => `${e.time}  [${e.attempt}] ${e.message}`).join('\n');
  byId('log-section').hidden = false;
}

function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : '';
}

function showError(err) {
  byId('error').hidden = !err;
  byId('error').textContent = err ? `${err.code ?? 'error'}: ${err.message}` : '';
}

start();
