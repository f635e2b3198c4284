// What the viewer tells a person about browserd's error codes (PROTOCOL.md section 5).

const TEXTS = {
  url_blocked: 'That address is blocked by this session\'s URL policy.',
  control_held: 'Another connection has control. Take control to drive.',
  forbidden: 'This link is view only.',
  timeout: 'The page took too long to answer.',
  navigation_failed: 'The page could not be loaded (network error).',
  not_found: 'Nothing on the page matched.',
  rate_limited: 'Too many messages: slow down a little.',
  browser_crashed: 'The remote browser crashed; it is being restarted.',
  disconnected: 'Not connected; nothing was sent.',
};

export function errorText(code, fallback) {
  return TEXTS[code] ?? fallback ?? `Error: ${code}`;
}

const CLOSING_REASONS = {
  idle_timeout: 'it was idle for too long',
  max_lifetime: 'it reached its maximum lifetime',
  stopped: 'it was stopped',
  browser_crashed: 'the remote browser crashed',
  token_revoked: 'this link was revoked',
};

export function endedText(reason) {
  return `Session ended: ${CLOSING_REASONS[reason] ?? reason ?? 'unknown reason'}.`;
}
