// Who drives the session, from the `control` event ({holder, sub}) and this connection's id
// (from `ready`). Pure, so the banner's wording and the input gate are tested without a page.

/**
 * kind: 'viewonly' (viewer token), 'nobody' (no lease: anyone with a controller token drives),
 * 'you' (this connection holds the lease) or 'other' (an agent or another person holds it).
 */
export function describeControl(role, control, myConnectionId) {
  if (role !== 'controller') {
    return { kind: 'viewonly', text: 'View only: you can watch this session but not drive it.', canTake: false, canRelease: false };
  }
  const holder = control?.holder ?? null;
  if (holder === null) {
    return { kind: 'nobody', text: 'Nobody holds control: your input and any agent\'s commands both reach the page.', canTake: true, canRelease: false };
  }
  if (myConnectionId !== null && holder === myConnectionId) {
    return { kind: 'you', text: 'You have control. Other connections, agents included, wait until you hand back.', canTake: false, canRelease: true };
  }
  const who = control.sub ? ` (${control.sub})` : '';
  return { kind: 'other', text: `Another connection${who} has control: an agent or another person. Take control to drive.`, canTake: true, canRelease: false };
}

/** Whether this page may send input and commands right now. */
export function canDrive(live, controlView) {
  return live && (controlView.kind === 'nobody' || controlView.kind === 'you');
}
