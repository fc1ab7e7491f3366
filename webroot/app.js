// Sense Pulse dashboard. On every (re)connect of the event-bus bridge it registers its handlers
// and loads a REST snapshot; after that, values only change when the bridge pushes them.
// EventBus and SockJS are globals from vendor/ (copied from npm by scripts/vendor.sh).

const RECONNECT_DELAY_MAX_MS = 5000;
// The hub publishes nodes.heartbeat every 10 s. A phone that leaves Wi-Fi may never see its
// socket close, so silence this long counts as a dead link and the socket is dropped to reconnect.
const SILENCE_LIMIT_MS = 35000;
// A source whose last update is this many refresh intervals (plus a grace for slow runs on a Pi)
// old is shown as stale.
const STALE_INTERVALS = 3;
const STALE_GRACE_S = 10;

const THROTTLE_FLAGS = {
  under_voltage: 'Under-voltage',
  freq_capped: 'Frequency capped',
  throttled: 'Throttled',
  soft_temp_limit: 'Soft temperature limit',
};

// Friendly labels and formatting for the system source; anything else is shown generically.
// `order` keeps related readings together; `digits` fixes the decimals shown.
const KNOWN_SENSORS = {
  cpu_percent: { label: 'CPU', digits: 1, order: 10 },
  cpu_temperature: { label: 'CPU temperature', digits: 1, order: 11 },
  load_1m: { label: 'Load 1 min', digits: 2, order: 20 },
  load_5m: { label: 'Load 5 min', digits: 2, order: 21 },
  load_15m: { label: 'Load 15 min', digits: 2, order: 22 },
  memory_percent: { label: 'Memory used', digits: 1, order: 30 },
  memory_available_mb: { label: 'Memory available', digits: 0, order: 31 },
  disk_percent: { label: 'Disk used', digits: 1, order: 40 },
  disk_free_gb: { label: 'Disk free', digits: 1, order: 41 },
  uptime: { label: 'System uptime', duration: true, order: 50 },
};
Object.entries(THROTTLE_FLAGS).forEach(([flag, label], i) => {
  KNOWN_SENSORS[flag] = { label, warnWhenTrue: true, order: 60 + i };
  KNOWN_SENSORS[`${flag}_occurred`] = { label: `${label} since boot`, warnWhenTrue: true, order: 70 + i };
});

const $ = (selector, root = document) => root.querySelector(selector);

/** id -> {card, rows: Map(sensor -> row), readings: Map(sensor -> reading), status, interval} */
const sources = new Map();
/** Verticle names seen on any node; a new one may be a new source, so the source list is re-read. */
const seenVerticles = new Set();
let eventBus = null;
/** When the bridge last delivered anything on the current socket. */
let lastHeardAt = 0;
/** Addresses registered on the current socket: the client forgets them when the socket closes. */
let registered = new Set();
/** Bumped by every nodes.changed, so that an older REST snapshot cannot overwrite a newer push. */
let nodesVersion = 0;

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

// ---- connection

function connect() {
  eventBus = new EventBus(new URL('eventbus', document.baseURI).href, {
    vertxbus_reconnect_delay_max: RECONNECT_DELAY_MAX_MS,
  });
  eventBus.enableReconnect(true);
  // onopen fires for the first connection and for every reconnection alike.
  eventBus.onopen = () => {
    registered = new Set();
    lastHeardAt = Date.now();
    setConnection('connected');
    listen('nodes.heartbeat', () => {});
    listen('nodes.changed', (body) => {
      nodesVersion += 1;
      renderNodes(body.nodes, { discover: true });
    });
    sources.forEach((source, id) => subscribe(id));
    loadSnapshot({ withNodes: true });
  };
  eventBus.onclose = () => setConnection('disconnected');
}

function setConnection(state) {
  document.body.dataset.connection = state;
  const banner = $('#connection');
  banner.dataset.state = state;
  banner.hidden = state !== 'disconnected';
  $('#link').dataset.state = state;
  $('#link-text').textContent = { connecting: 'Connecting…', connected: 'Live', disconnected: 'Offline' }[state];
}

function listen(address, onBody) {
  if (eventBus.state !== EventBus.OPEN || registered.has(address)) {
    return;
  }
  registered.add(address);
  eventBus.registerHandler(address, (error, message) => {
    lastHeardAt = Date.now();
    if (error) {
      console.warn(`bridge error on ${address}`, error);
      return;
    }
    onBody(message.body);
  });
}

function subscribe(id) {
  listen(`data.${id}`, (body) => applyReadings(id, body.readings));
  listen(`status.${id}`, (body) => applyStatus(id, body));
}

// ---- REST snapshot

async function getJson(path) {
  const response = await fetch(path, { cache: 'no-store', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`${path}: HTTP ${response.status}`);
  }
  return response.json();
}

/** Loads what the bridge does not replay: current readings, statuses, sources and nodes. */
async function loadSnapshot({ withNodes }) {
  const versionAtStart = nodesVersion;
  const [list, readings, statuses, nodes] = await Promise.allSettled([
    getJson('api/sources'),
    getJson('api/readings'),
    getJson('api/status'),
    withNodes ? getJson('api/nodes') : Promise.resolve(null),
  ]);
  [list, readings, statuses, nodes]
    .filter((result) => result.status === 'rejected')
    .forEach((result) => console.warn('snapshot incomplete', result.reason));

  if (list.status === 'fulfilled' && Array.isArray(list.value)) {
    list.value.forEach((entry) => {
      if (entry && typeof entry.id === 'string') {
        ensureSource(entry.id).interval = entry.interval;
        renderStatus(entry.id);
      }
    });
  }
  if (readings.status === 'fulfilled' && isObject(readings.value)) {
    Object.entries(readings.value).forEach(([id, sensors]) => applyReadings(id, sensors));
  }
  if (statuses.status === 'fulfilled' && isObject(statuses.value)) {
    Object.entries(statuses.value).forEach(([id, status]) => applyStatus(id, status));
  }
  if (nodes.status === 'fulfilled' && Array.isArray(nodes.value) && nodesVersion === versionAtStart) {
    // The snapshot's own source list is as new as these nodes: nothing to discover.
    renderNodes(nodes.value, { discover: false });
  }
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// ---- sources

function ensureSource(id) {
  let source = sources.get(id);
  if (!source) {
    const card = $('#source-card').content.firstElementChild.cloneNode(true);
    card.dataset.source = id;
    $('.title', card).textContent = humanize(id);
    source = { card, rows: new Map(), readings: new Map(), status: null, interval: null };
    sources.set(id, source);
    placeSourceCard(id);
    $('#sources-empty').hidden = true;
    renderStatus(id);
  }
  subscribe(id);
  return source;
}

/** Sources with readings come first, so that a phone opens on values, not on empty cards. */
function placeSourceCard(id) {
  const rank = (sourceId) => (sources.get(sourceId).readings.size ? 0 : 1);
  const card = sources.get(id).card;
  card.remove();
  insertSorted($('#sources'), card, (other) =>
    rank(id) - rank(other.dataset.source) < 0
    || (rank(id) === rank(other.dataset.source) && id.localeCompare(other.dataset.source) < 0));
}

function applyReadings(id, readings) {
  if (!isObject(readings)) {
    return;
  }
  const source = ensureSource(id);
  const hadReadings = source.readings.size > 0;
  Object.entries(readings).forEach(([sensor, reading]) => {
    if (!isObject(reading)) {
      return;
    }
    const known = source.readings.get(sensor);
    // A snapshot can arrive after a newer push; never go back in time.
    if (known && Number(known.timestamp) > Number(reading.timestamp)) {
      return;
    }
    source.readings.set(sensor, reading);
    renderReading(source, sensor, reading, known);
  });
  if (!hadReadings && source.readings.size) {
    placeSourceCard(id);
  }
  renderStatus(id);
}

function renderReading(source, sensor, reading, previous) {
  let row = source.rows.get(sensor);
  if (!row) {
    row = $('#reading-row').content.firstElementChild.cloneNode(true);
    row.dataset.sensor = sensor;
    $('.label', row).textContent = KNOWN_SENSORS[sensor]?.label ?? humanize(sensor);
    source.rows.set(sensor, row);
    insertSorted($('.readings', source.card), row, (other) => compareSensors(sensor, other.dataset.sensor) < 0);
  }
  const known = KNOWN_SENSORS[sensor] ?? {};
  const { text, unit } = formatValue(reading.value, reading.unit, known);
  const value = $('.value', row);
  value.textContent = text;
  value.dataset.value = typeof reading.value === 'string' ? reading.value : JSON.stringify(reading.value);
  value.dataset.timestamp = String(reading.timestamp);
  $('.unit', row).textContent = unit;
  row.title = `Read at ${formatTime(reading.timestamp)}`;
  row.dataset.warn = String(known.warnWhenTrue === true && reading.value === true);
  renderMeter(row, reading);
  if (previous && previous.value !== reading.value && !reducedMotion.matches) {
    value.animate([{ opacity: 0.3 }, { opacity: 1 }], { duration: 600, easing: 'ease-out' });
  }
}

/** Percentages get a bar: quicker to read on a phone than the number alone. */
function renderMeter(row, reading) {
  let meter = $('meter', row);
  const isPercent = reading.unit === '%' && typeof reading.value === 'number';
  if (!isPercent) {
    meter?.remove();
    return;
  }
  if (!meter) {
    meter = document.createElement('meter');
    Object.assign(meter, { min: 0, max: 100, low: 70, high: 90, optimum: 0 });
    meter.setAttribute('aria-hidden', 'true'); // the number beside it already says it
    $('.figure', row).append(meter);
  }
  meter.value = Math.min(100, Math.max(0, reading.value));
}

function applyStatus(id, status) {
  if (!isObject(status)) {
    return;
  }
  const source = ensureSource(id);
  if (source.status && statusTime(source.status) > statusTime(status)) {
    return;
  }
  source.status = status;
  renderStatus(id);
}

// last_tick: the orchestrator keeps a status document of its own, updated on every tick.
function statusTime(status) {
  return Math.max(Number(status.last_success) || 0, Number(status.last_error_at) || 0, Number(status.last_tick) || 0);
}

/** When the source last did its job: a success, a tick or the newest reading. */
function lastUpdate(source) {
  const status = source.status ?? {};
  const readings = [...source.readings.values()].map((reading) => Number(reading.timestamp) || 0);
  return Math.max(0, Number(status.last_success) || 0, Number(status.last_tick) || 0, ...readings);
}

function refreshInterval(source) {
  return Number(source.status?.refresh_interval ?? source.interval) || 0;
}

function health(source, nowSeconds) {
  const status = source.status;
  if (status?.last_error && (Number(status.last_error_at) || Infinity) >= (Number(status.last_success) || 0)) {
    return 'error';
  }
  const updated = lastUpdate(source);
  if (!updated) {
    return 'unknown';
  }
  const interval = refreshInterval(source);
  return interval > 0 && nowSeconds - updated > STALE_INTERVALS * interval + STALE_GRACE_S ? 'stale' : 'ok';
}

function renderStatus(id, nowSeconds = Date.now() / 1000) {
  const source = sources.get(id);
  const state = health(source, nowSeconds);
  const card = source.card;
  card.dataset.health = state;
  $('.badge', card).textContent = { ok: 'OK', error: 'Error', stale: 'Stale', unknown: 'Waiting' }[state];

  const error = $('.error', card);
  error.hidden = state !== 'error';
  error.textContent = state === 'error' ? String(source.status.last_error) : '';

  const updated = lastUpdate(source);
  const parts = [updated ? `Updated ${formatTime(updated)}` : 'No readings yet'];
  const interval = refreshInterval(source);
  if (interval > 0) {
    parts.push(`every ${formatDuration(interval)}`);
  }
  $('.meta', card).textContent = parts.join(' · ');
}

// ---- nodes

function renderNodes(nodes, { discover }) {
  if (!Array.isArray(nodes)) {
    return;
  }
  const container = $('#nodes');
  const ids = new Set(nodes.filter((node) => node && node.id).map((node) => String(node.id)));
  container.querySelectorAll('[data-node]').forEach((card) => {
    if (!ids.has(card.dataset.node)) {
      card.remove();
    }
  });
  const newVerticles = [];
  nodes.filter((node) => node && node.id).forEach((node) => {
    const id = String(node.id);
    let card = container.querySelector(`[data-node="${CSS.escape(id)}"]`);
    if (!card) {
      card = $('#node-card').content.firstElementChild.cloneNode(true);
      card.dataset.node = id;
      $('.title', card).textContent = id;
      insertSorted(container, card, (other) => compareNodes(node, other) < 0);
    }
    card.dataset.role = node.role ?? '';
    $('.role', card).textContent = node.role ?? '?';
    $('.host', card).textContent = node.host ?? '—';
    $('.version', card).textContent = node.version ?? '—';
    const started = Number(node.started);
    const uptime = $('.uptime', card);
    // The announcement's uptime is as old as the announcement; counting from `started` stays current.
    uptime.dataset.started = started > 0 ? String(started) : String(Date.now() / 1000 - (Number(node.uptime) || 0));
    renderUptime(uptime, Date.now() / 1000);

    const list = $('.verticles', card);
    const verticles = Array.isArray(node.verticles) ? node.verticles : [];
    list.replaceChildren(...verticles.map((v) => {
      const item = document.createElement('li');
      item.textContent = v.verticle;
      item.title = v.deploymentId ?? '';
      return item;
    }));
    if (!verticles.length) {
      const item = document.createElement('li');
      item.className = 'none';
      item.textContent = 'none';
      list.append(item);
    }
    verticles.forEach((v) => {
      if (!seenVerticles.has(v.verticle)) {
        seenVerticles.add(v.verticle);
        newVerticles.push(v.verticle);
      }
    });
  });
  $('#nodes-empty').hidden = ids.size > 0;

  const hub = nodes.find((node) => node && node.role === 'hub');
  $('#hub-name').textContent = hub ? `${hub.id}${hub.host && hub.host !== hub.id ? ` (${hub.host})` : ''}` : '—';
  document.title = hub ? `Sense Pulse · ${hub.id}` : 'Sense Pulse';

  // A verticle never seen before may be a source the page does not know yet: the bridge has no
  // wildcard subscriptions, so ask the gateway which sources exist (once per new name, not per push).
  if (discover && newVerticles.some((name) => !sources.has(name))) {
    loadSnapshot({ withNodes: false });
  }
}

function compareNodes(node, otherCard) {
  const rank = (role) => (role === 'hub' ? 0 : 1);
  return rank(node.role) - rank(otherCard.dataset.role) || String(node.id).localeCompare(otherCard.dataset.node);
}

function renderUptime(element, nowSeconds) {
  element.textContent = formatDuration(Math.max(0, nowSeconds - Number(element.dataset.started)));
}

// ---- formatting

function humanize(name) {
  const text = String(name).replace(/_/g, ' ').replace(/:/g, ' · ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function compareSensors(a, b) {
  const rank = (sensor) => KNOWN_SENSORS[sensor]?.order ?? 1000;
  return rank(a) - rank(b) || a.localeCompare(b);
}

function formatValue(value, unit, known) {
  if (value === null || value === undefined) {
    return { text: '—', unit: '' };
  }
  if (typeof value === 'boolean') {
    return { text: value ? 'Yes' : 'No', unit: '' };
  }
  if (typeof value === 'number') {
    if (known.duration && (unit === 's' || !unit)) {
      return { text: formatDuration(value), unit: '' };
    }
    // Known sensors keep fixed decimals so that the figures do not jump about; others get a few.
    const digits = known.digits ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
    const text = new Intl.NumberFormat(undefined, {
      minimumFractionDigits: known.digits ?? 0,
      maximumFractionDigits: digits,
    }).format(value);
    return { text, unit: unit ?? '' };
  }
  return { text: typeof value === 'string' ? value : JSON.stringify(value), unit: unit ?? '' };
}

/** Two units at most, seconds only under ten minutes; no-break spaces keep "21 min" on one line. */
function formatDuration(totalSeconds) {
  const s = Math.floor(Number(totalSeconds));
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const part = (count, unit) => `${count}\u00a0${unit}`;
  if (days) return `${part(days, 'd')} ${part(hours, 'h')}`;
  if (hours) return `${part(hours, 'h')} ${part(minutes, 'min')}`;
  if (minutes >= 10 || (minutes && !seconds)) return part(minutes, 'min');
  if (minutes) return `${part(minutes, 'min')} ${part(seconds, 's')}`;
  return part(seconds, 's');
}

function formatTime(epochSeconds) {
  const date = new Date(Number(epochSeconds) * 1000);
  const today = new Date().toDateString() === date.toDateString();
  return today
    ? date.toLocaleTimeString()
    : date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

/** Inserts child before the first existing element for which goesBefore(existing) is true. */
function insertSorted(container, child, goesBefore) {
  const next = [...container.children].find((existing) => goesBefore(existing));
  container.insertBefore(child, next ?? null);
}

// ---- clock: ages and uptimes move on their own between pushes (no network involved)

function tick() {
  if (eventBus.state === EventBus.OPEN && Date.now() - lastHeardAt > SILENCE_LIMIT_MS) {
    // Closing hands over to the client's reconnect loop, which shows the banner meanwhile.
    eventBus.sockJSConn.close();
  }
  const now = Date.now() / 1000;
  document.querySelectorAll('.uptime[data-started]').forEach((element) => renderUptime(element, now));
  sources.forEach((source, id) => renderStatus(id, now));
}

connect();
setInterval(tick, 1000);
