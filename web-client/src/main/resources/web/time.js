// Times from the API (ISO-8601 strings or epoch numbers) and how the sessions page shows them.

/** Epoch ms from an ISO string, epoch ms, or epoch seconds (numbers below 1e12); null if absent. */
export function toEpochMs(value) {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return value < 1e12 ? value * 1000 : value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** "45 s", "3 min", "2 h 5 min", "3 d 4 h": coarse, as ages and remaining times are read. */
export function formatDuration(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** "3 min ago" for a past time, "in 5 min" for a future one, "" when unknown. */
export function formatRelative(value, now) {
  const ms = toEpochMs(value);
  if (ms === null) return '';
  return ms <= now ? `${formatDuration(now - ms)} ago` : `in ${formatDuration(ms - now)}`;
}
