// The sessions table, updated in place by session id: a refresh every few seconds must not
// rebuild rows, or a keyboard user's focus on a row's button would be lost each time.

import { formatRelative } from './time.js';

const ACTIVE = new Set(['starting', 'ready']);
const ACTIONS = [
  { action: 'open', label: 'Open', className: 'primary' },
  { action: 'share', label: 'Copy view-only link' },
  { action: 'takeover', label: 'Copy takeover link' },
  { action: 'end', label: 'End', className: 'danger' },
];

export class SessionTable {
  /** `onAction(action, sessionId)` runs for the row buttons. */
  constructor(tbody, onAction) {
    this.tbody = tbody;
    this.rows = new Map();
    tbody.addEventListener('click', (e) => {
      const button = e.target.closest('button[data-action]');
      if (button) onAction(button.dataset.action, button.closest('tr').dataset.sessionId);
    });
  }

  render(sessions, now) {
    const seen = new Set();
    let position = this.tbody.firstElementChild;
    for (const session of sessions) {
      seen.add(session.id);
      const row = this.rows.get(session.id) ?? this.createRow(session.id);
      this.updateRow(row, session, now);
      if (row === position) position = position.nextElementSibling;
      else this.tbody.insertBefore(row, position); // only new rows move: focus elsewhere stays
    }
    for (const [id, row] of this.rows) {
      if (!seen.has(id)) {
        row.remove();
        this.rows.delete(id);
      }
    }
  }

  createRow(id) {
    const row = document.createElement('tr');
    row.dataset.sessionId = id;
    for (const name of ['id', 'status', 'age', 'expires', 'actions']) {
      const cell = document.createElement('td');
      cell.className = name;
      row.append(cell);
    }
    row.cells[0].innerHTML = '<code></code>';
    row.cells[0].firstChild.textContent = id;
    this.rows.set(id, row);
    return row;
  }

  updateRow(row, session, now) {
    const active = ACTIVE.has(session.status);
    const [, status, age, expires, actions] = row.cells;
    status.textContent = session.reason ? `${session.status} (${session.reason})` : session.status;
    age.textContent = formatRelative(session.createdAt, now);
    expires.textContent = active ? formatRelative(session.expiresAt, now) : '';
    if (row.dataset.active !== String(active)) {
      row.dataset.active = String(active);
      actions.replaceChildren(...(active ? ACTIONS.map((a) => actionButton(a, session.id)) : []));
    }
  }
}

function actionButton({ action, label, className }, id) {
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.action = action;
  button.textContent = label;
  button.setAttribute('aria-label', `${label}: session ${id}`);
  if (className) button.className = className;
  return button;
}
