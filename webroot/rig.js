// The recorder rig page: one card per recorder node (CAM_L / CAM_C / CAM_R), start and stop for
// all, Lock View and self-test per node. GET api/rig gives every node's status with the
// disagreements the hub found; status.rig over the event-bus bridge updates a card between two
// reads. EventBus and SockJS are globals from vendor/ (copied from npm by scripts/vendor.sh).

const RECONNECT_DELAY_MAX_MS = 5000;
// The whole picture, disagreements included, is re-read this often; cards update live in between.
const REFRESH_MS = 5000;
// A node whose last word is this old is shown as not answering.
const STATUS_STALE_MS = 10_000;
const KIND_LABELS = { missing: 'Missing', sync: 'Clock', disk: 'Space', state: 'State', settings: 'Settings' };
const SESSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

const $ = (selector, root = document) => root.querySelector(selector);

/** node -> {card, status, heardAt} */
const nodes = new Map();
/** node -> disagreement messages from the last GET api/rig */
let flagged = new Map();
let eventBus = null;
let busy = false;

// ---- talking to the hub

function cookie(name) {
  const prefix = `${name}=`;
  const found = document.cookie.split('; ').find((entry) => entry.startsWith(prefix));
  return found ? decodeURIComponent(found.slice(prefix.length)) : '';
}

/** JSON from the hub; failures carry the hub's answer (a refused start still lists every node). */
async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['X-XSRF-TOKEN'] = cookie('XSRF-TOKEN');
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => null);
  if (response.ok) {
    return data;
  }
  const error = new Error(response.status === 401 ? 'Sign in on the dashboard first.'
    : response.status === 403 ? `Operators only (${data?.error ?? 'refused'}).`
      : data?.error ?? `HTTP ${response.status}`);
  error.body = data;
  throw error;
}

function connect() {
  eventBus = new EventBus(new URL('eventbus', document.baseURI).href, {
    vertxbus_reconnect_delay_max: RECONNECT_DELAY_MAX_MS,
  });
  eventBus.enableReconnect(true);
  eventBus.onopen = () => {
    setConnection('connected');
    eventBus.registerHandler('status.rig', (error, message) => {
      if (!error && message.body?.node) {
        applyStatus(message.body.node, message.body);
      }
    });
    refresh();
  };
  eventBus.onclose = () => setConnection('disconnected');
}

function setConnection(state) {
  document.body.dataset.connection = state;
  $('#connection').hidden = state !== 'disconnected';
  $('#link').dataset.state = state;
  $('#link-text').textContent = { connecting: 'Connecting…', connected: 'Live', disconnected: 'Offline' }[state];
}

async function refresh() {
  try {
    render(await api('api/rig'));
  } catch (error) {
    $('#rig-empty').hidden = false;
    $('#rig-empty').textContent = `Cannot read the rig: ${error.message}`;
  }
}

// ---- rendering

function render(rig) {
  const names = [...new Set([...(rig.expected ?? []), ...Object.keys(rig.nodes ?? {})])];
  flagged = new Map();
  (rig.disagreements ?? []).forEach(({ node, kind, message }) => {
    flagged.set(node, [...(flagged.get(node) ?? []), { kind, message }]);
  });
  names.forEach((name) => {
    const status = rig.nodes?.[name] ?? { node: name, state: 'missing', error: 'not on the cluster' };
    applyStatus(name, status);
  });
  // A node the hub no longer lists and does not expect is gone from the page too.
  [...nodes.keys()].filter((name) => !names.includes(name)).forEach((name) => {
    nodes.get(name).card.remove();
    nodes.delete(name);
  });
  $('#rig-empty').hidden = names.length > 0;
  $('#rig-empty').textContent = 'No recorder nodes.';
  renderAttention(rig);
}

function renderAttention(rig) {
  const list = $('#attention-list');
  list.replaceChildren();
  (rig.disagreements ?? []).forEach(({ node, kind, message }) => {
    const item = document.createElement('li');
    item.dataset.node = node;
    item.dataset.kind = kind;
    item.textContent = `${KIND_LABELS[kind] ?? kind}: ${message}`;
    list.append(item);
  });
  $('#attention').hidden = list.children.length === 0;
}

function cardFor(name) {
  let entry = nodes.get(name);
  if (!entry) {
    const card = $('#rig-card').content.firstElementChild.cloneNode(true);
    card.dataset.node = name;
    $('.title', card).textContent = name;
    card.querySelectorAll('button[data-action]').forEach((button) => {
      button.addEventListener('click', () => nodeAction(name, button.dataset.action, card));
    });
    const cards = $('#rig-nodes');
    // Left, centre, right as they stand on the sideline; other nodes after them by name.
    const order = (node) => ({ CAM_L: '0', CAM_C: '1', CAM_R: '2' }[node] ?? `3${node}`);
    const next = [...cards.children].find((other) => order(other.dataset.node) > order(name));
    cards.insertBefore(card, next ?? null);
    entry = { card };
    nodes.set(name, entry);
  }
  return entry;
}

function applyStatus(name, status) {
  const entry = cardFor(name);
  entry.status = status;
  entry.heardAt = Date.now();
  const { card } = entry;
  const state = status.state ?? 'unknown';
  card.dataset.state = state;
  $('.badge.state', card).textContent = {
    recording: '● Recording', idle: 'Idle', armed: 'Starting', stopping: 'Stopping', error: 'Error',
    unreachable: 'Not answering', missing: 'Missing',
  }[state] ?? state;
  $('.session', card).textContent = status.session ? `Session ${status.session}` : '';
  $('.video', card).textContent = [status.resolution, status.fps ? `${status.fps} fps` : null, status.codec]
    .filter(Boolean).join(' · ') || '—';
  // Mbit/s: measured while recording, the configured rate otherwise
  $('.bitrate', card).textContent = status.bitrate ? `${Number(status.bitrate).toFixed(1)} Mbit/s` : '—';
  $('.space', card).textContent = space(status);
  $('.battery', card).textContent = status.battery == null ? '—' : `${Math.round(status.battery)} %`;
  $('.temperature', card).textContent = status.temperature == null ? '—' : `${Number(status.temperature).toFixed(1)} °C`;
  $('.offset', card).textContent = status.clock_offset_ms == null ? 'unknown'
    : `${Number(status.clock_offset_ms).toFixed(1)}${status.clock_confidence_ms == null ? ''
      : ` ± ${Number(status.clock_confidence_ms).toFixed(1)}`} ms (${status.clock_source})`;
  $('.dropped', card).textContent = status.dropped_frames == null ? '—' : String(status.dropped_frames);
  renderSnapshot(card, status.last_snapshot);
  renderIssues(name, card, status);
}

function space(status) {
  const parts = [];
  if (status.free_bytes != null) {
    parts.push(`${(status.free_bytes / 1e9).toFixed(1)} GB`);
  }
  if (status.minutes_left != null) {
    parts.push(`${Math.round(status.minutes_left)} min left`);
  }
  return parts.join(' · ') || '—';
}

/** Only images the hub serves itself or inline data: the page never loads from elsewhere. */
function renderSnapshot(card, snapshot) {
  const figure = $('.snapshot', card);
  const url = typeof snapshot === 'string' ? snapshot : snapshot?.url;
  const local = typeof url === 'string' && (url.startsWith('data:image/') || (url.startsWith('/') && !url.startsWith('//')));
  figure.hidden = !local;
  if (local && $('img', figure).getAttribute('src') !== url) {
    $('img', figure).src = url;
    $('img', figure).alt = `Latest frame from ${card.dataset.node}`;
  }
  $('figcaption', figure).textContent = snapshot?.at ? `Taken ${new Date(snapshot.at).toLocaleTimeString()}` : '';
}

/** Errors, warnings and the hub's disagreements about this node; any of them marks the card. */
function renderIssues(name, card, status) {
  const list = $('.node-issues', card);
  list.replaceChildren();
  const add = (text, warning = false) => {
    const item = document.createElement('li');
    item.textContent = text;
    item.classList.toggle('warning', warning);
    list.append(item);
  };
  if (status.error) {
    add(status.error);
  }
  (status.errors ?? []).forEach((text) => add(String(text)));
  // what this node's guard rails would refuse a start for now
  (status.refusals ?? []).forEach((refusal) => add(`Will not start: ${refusal.message ?? refusal}`));
  (status.warnings ?? []).forEach((text) => add(String(text), true));
  const disagreements = flagged.get(name) ?? [];
  disagreements.forEach(({ message }) => add(message));
  card.querySelectorAll('dd[data-odd]').forEach((dd) => delete dd.dataset.odd);
  disagreements.forEach(({ kind }) => {
    const field = { sync: '.offset', disk: '.space', settings: '.video' }[kind];
    if (field) {
      $(field, card).dataset.odd = 'true';
    }
  });
  card.dataset.attention = String(disagreements.length > 0 || (status.errors ?? []).length > 0
    || (status.refusals ?? []).length > 0 || Boolean(status.error));
}

/** Cards not heard from for a while say so until the next read. */
function markSilent() {
  nodes.forEach((entry, name) => {
    if (entry.status && !['missing', 'unreachable'].includes(entry.status.state)
        && Date.now() - entry.heardAt > STATUS_STALE_MS) {
      applyStatus(name, { ...entry.status, state: 'unreachable', error: 'no status for a while' });
      entry.heardAt = 0;
    }
  });
}

// ---- actions

async function startAll() {
  const session = $('#session').value.trim();
  if (session && !SESSION_PATTERN.test(session)) {
    $('#session').setAttribute('aria-invalid', 'true');
    showResult('error', 'Session name: letters, digits, _ and - only (up to 40), starting with a letter or digit.');
    return;
  }
  $('#session').removeAttribute('aria-invalid');
  await run('Starting…', () => api('api/rig/start', { method: 'POST', body: session ? { session } : {} }), {
    started: (reply) => `Recording ${reply.session} on every node.`,
    partial: (reply) => `Recording ${reply.session}, but not on every node:`,
  });
}

async function stopAll() {
  await run('Stopping…', () => api('api/rig/stop', { method: 'POST', body: {} }), {
    stopped: () => 'Stopped on every node.',
    partial: () => 'Stopped, but not on every node:',
  });
}

/** Runs a start or stop, showing the outcome and each node's answer; then re-reads the rig. */
async function run(pending, request, messages) {
  if (busy) {
    return;
  }
  busy = true;
  document.querySelectorAll('.big').forEach((button) => button.setAttribute('aria-disabled', 'true'));
  showResult('', pending);
  try {
    const reply = await request();
    const say = messages[reply.outcome];
    showResult(reply.outcome === 'partial' ? 'partial' : 'done', say ? say(reply) : reply.outcome, reply.nodes);
  } catch (error) {
    showResult('error', error.message, error.body?.outcome === 'refused' ? null : error.body?.nodes);
  } finally {
    busy = false;
    document.querySelectorAll('.big').forEach((button) => button.removeAttribute('aria-disabled'));
    refresh();
  }
}

function showResult(state, text, perNode) {
  const result = $('#rig-result');
  result.dataset.state = state;
  result.textContent = text;
  const list = $('#rig-result-nodes');
  list.replaceChildren();
  Object.entries(perNode ?? {}).filter(([, answer]) => answer.status === 'error').forEach(([name, answer]) => {
    const item = document.createElement('li');
    item.dataset.node = name;
    item.textContent = `${name}: ${answer.error}`;
    list.append(item);
  });
}

async function nodeAction(name, action, card) {
  const status = $('.node-status', card);
  status.dataset.state = '';
  status.textContent = action === 'selftest' ? 'Testing…' : 'Locking the view…';
  try {
    await api(`api/rig/${encodeURIComponent(name)}/${action}`, { method: 'POST', body: {} });
    status.dataset.state = 'done';
    status.textContent = action === 'selftest' ? 'Self-test passed.' : 'View locked.';
  } catch (error) {
    status.dataset.state = 'error';
    status.textContent = error.message;
  }
}

$('#start-all').addEventListener('click', startAll);
$('#stop-all').addEventListener('click', stopAll);
setInterval(refresh, REFRESH_MS);
setInterval(markSilent, 1000);
connect();
refresh();
