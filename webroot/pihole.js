// The Pi-hole card's blocking switch, for those who may send commands: it sends the
// orchestrator's pihole_blocking command over the bridge and says what Pi-hole answered. The
// card's blocking reading follows through the source's next run, which the page asks for at once.

export const PIHOLE = 'pihole';

/** Pi-hole's own quick choices; an empty value disables blocking until it is enabled again. */
const TIMERS = [
  { seconds: 30, label: '30 s' },
  { seconds: 300, label: '5 min' },
  { seconds: 3600, label: '1 h' },
  { seconds: null, label: 'Indefinitely' },
];

/**
 * Adds the controls to the card while canWrite, removes them otherwise (write controls exist only
 * while the visitor may use them). Called on every status render: does nothing when nothing changes.
 * send(body) resolves with the command's data or rejects with a message; busy(button, task) runs
 * one task per button at a time; changed() asks for a fresh reading.
 */
export function renderBlockingControls(card, { canWrite, send, busy, changed }) {
  const existing = card.querySelector('.blocking-controls');
  if (!canWrite) {
    existing?.remove();
    return;
  }
  if (existing) {
    return;
  }
  const controls = element('div', { className: 'blocking-controls' });
  const field = element('div', { className: 'field inline' });
  const select = element('select', { id: 'pihole-disable-for' });
  TIMERS.forEach(({ seconds, label }) => select.append(element('option', { value: seconds ?? '', textContent: label })));
  select.value = '300';
  field.append(element('label', { htmlFor: select.id, textContent: 'Disable for' }), select);
  const disable = element('button', { className: 'button', type: 'button', textContent: 'Disable blocking' });
  const enable = element('button', { className: 'button', type: 'button', textContent: 'Enable blocking' });
  disable.dataset.blocking = 'disable';
  enable.dataset.blocking = 'enable';
  const status = element('p', { className: 'command-status blocking-status' });
  status.setAttribute('role', 'status');
  status.dataset.state = '';
  const actions = element('div', { className: 'actions' });
  actions.append(disable, enable);
  controls.append(field, actions, status);
  card.append(controls);

  const run = (button, enabled) => busy(button, async () => {
    const timer = enabled || select.value === '' ? null : Number(select.value);
    show(status, 'busy', enabled ? 'Enabling blocking…' : 'Disabling blocking…');
    try {
      const data = await send({ command: 'pihole_blocking', enabled, timer });
      show(status, 'done', answer(data));
      changed();
    } catch (error) {
      show(status, 'error', error.message);
    }
  });
  disable.addEventListener('click', () => run(disable, false));
  enable.addEventListener('click', () => run(enable, true));
}

/** Pi-hole's reply in words: "Blocking disabled for 5 min." */
function answer(data) {
  const state = typeof data?.blocking === 'string' ? data.blocking : 'unknown';
  const timer = Number(data?.timer);
  if (!(timer > 0)) {
    return `Blocking ${state}.`;
  }
  const named = TIMERS.find(({ seconds }) => seconds === timer);
  return `Blocking ${state} for ${named ? named.label : `${timer} s`}.`;
}

function show(status, state, message) {
  status.dataset.state = state;
  status.textContent = message;
}

function element(tag, properties) {
  return Object.assign(document.createElement(tag), properties);
}
