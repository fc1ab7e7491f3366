// Sense Pulse dashboard. On every (re)connect of the event-bus bridge it registers its handlers
// and loads a REST snapshot; after that, values only change when the bridge pushes them.
// GET api/auth/me decides what is shown: readings only if the visitor may read, the settings only
// while the visitor may write. EventBus and SockJS are globals from vendor/ (copied from npm by
// scripts/vendor.sh).

import { createChart } from './chart.js';
import {
  applyCameraReadings, applyCameraStatus, camerasAccess, initCameras, isCameraSource, reloadCameras,
} from './cameras.js';
import { PIHOLE, renderBlockingControls } from './pihole.js';
import { MATRIX_ADDRESS, SENSE_HAT, drawMatrix, mountMatrix } from './sensehat.js';

const RECONNECT_DELAY_MAX_MS = 5000;
// The hub publishes nodes.heartbeat every 10 s. A phone that leaves Wi-Fi may never see its
// socket close, so silence this long counts as a dead link and the socket is dropped to reconnect.
const SILENCE_LIMIT_MS = 35000;
// A source whose last update is this many refresh intervals (plus a grace for slow runs on a Pi)
// old is shown as stale.
const STALE_INTERVALS = 3;
const STALE_GRACE_S = 10;
// The orchestrator's own status document (status:orchestrator), not a source of readings.
const ORCHESTRATOR = 'orchestrator';
// A trigger replies only when the run has ended; a refused send gets no reply at all.
const COMMAND_TIMEOUT_MS = 90_000;
const HISTORY_SPAN_S = 24 * 3600;
// CO2 in ppm: below 1000 good, up to 1400 fair, above poor (the usual indoor-air bands).
const CO2_GOOD_BELOW = 1000;
const CO2_FAIR_UP_TO = 1400;

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
/** "source/sensor" -> the open history chart, which live readings extend. */
const charts = new Map();
/** The last status.orchestrator document: which sources are scheduled and which are overdue. */
let orchestrator = null;
/** Bumped by every nodes.changed, so that an older REST snapshot cannot overwrite a newer push. */
let nodesVersion = 0;

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

/** The last answer of GET api/auth/me; null until the first one. */
let access = null;
/** Numbers the api/auth/me requests: an answer older than the newest request (e.g. from before a sign-in) is not shown. */
let accessRequests = 0;

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
    listen(`status.${ORCHESTRATOR}`, applyOrchestrator);
    listen('nodes.changed', (body) => {
      nodesVersion += 1;
      renderNodes(body.nodes, { discover: true });
    });
    sources.forEach((source, id) => subscribe(id));
    // The cameras' readings and status belong to the Cameras section, not to a source card.
    listen('data.network_camera', (body) => applyCameraReadings(body.readings));
    listen('status.network_camera', applyCameraStatus);
    loadSnapshot({ withNodes: true });
    reloadCameras();
    // A restarted hub has forgotten the session: the header must not go on naming a user.
    refreshAccess().catch((error) => console.warn('cannot read the sign-in state', error));
  };
  eventBus.onclose = () => {
    setConnection('disconnected');
    // With anonymous viewing off the hub refuses the handshake once the session has ended, and
    // reconnecting would go on forever: ask whether a sign-in is needed (fails quietly while the hub is down).
    if (access?.auth_enabled && !access.anonymous_read) {
      refreshAccess().catch(() => {});
    }
  };
}

/** Closes the bridge for good: after a sign-out, or before reconnecting with a new session. */
function disconnect() {
  if (!eventBus) {
    return;
  }
  const bus = eventBus;
  eventBus = null;
  bus.onopen = null;
  bus.onclose = null;
  bus.enableReconnect(false);
  bus.sockJSConn?.close();
}

function setConnection(state) {
  document.body.dataset.connection = state;
  const banner = $('#connection');
  banner.dataset.state = state;
  banner.hidden = state !== 'disconnected';
  $('#link').dataset.state = state;
  $('#link-text').textContent = {
    connecting: 'Connecting…', connected: 'Live', disconnected: 'Offline', locked: 'Signed out',
  }[state];
}

function listen(address, onBody) {
  if (!eventBus || eventBus.state !== EventBus.OPEN || registered.has(address)) {
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
  if (id === SENSE_HAT) {
    listen(MATRIX_ADDRESS, (body) => drawMatrix(sources.get(id).card, body));
  }
}

// ---- REST

class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

/**
 * fetch for the hub's JSON API. Non-GET requests carry the CSRF token from the XSRF-TOKEN cookie
 * (the hub refuses them without it). A 401 outside api/auth means the session has gone: the page
 * re-reads the sign-in state and offers the sign-in form. Failures throw an ApiError whose message
 * can be shown to the user.
 */
async function api(path, { method = 'GET', body, retried = false } = {}) {
  const headers = { Accept: 'application/json' };
  const token = cookie('XSRF-TOKEN');
  if (method !== 'GET') {
    headers['X-XSRF-TOKEN'] = token;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.ok) {
    return data;
  }
  const reason = data?.error ?? `HTTP ${response.status}`;
  if (response.status === 401 && !path.startsWith('api/auth/')) {
    sessionLost();
    throw new ApiError(401, 'Sign in first.', data);
  }
  // The hub signs a new token into the cookie on every GET: one answered while this request was on
  // its way made the header stale. The token check comes first, so nothing was done: once more.
  if (response.status === 403 && method !== 'GET' && !retried && cookie('XSRF-TOKEN') !== token) {
    return api(path, { method, body, retried: true });
  }
  if (response.status === 403) {
    throw new ApiError(403, `Operators only (${reason}).`, data);
  }
  throw new ApiError(response.status, reason, data);
}

function cookie(name) {
  const prefix = `${name}=`;
  const found = document.cookie.split('; ').find((entry) => entry.startsWith(prefix));
  return found ? decodeURIComponent(found.slice(prefix.length)) : '';
}

/** Loads what the bridge does not replay: current readings, statuses, sources and nodes. */
async function loadSnapshot({ withNodes }) {
  const versionAtStart = nodesVersion;
  const [list, readings, statuses, nodes] = await Promise.allSettled([
    api('api/sources'),
    api('api/readings'),
    api('api/status'),
    withNodes ? api('api/nodes') : Promise.resolve(null),
  ]);
  [list, readings, statuses, nodes]
    .filter((result) => result.status === 'rejected')
    .forEach((result) => console.warn('snapshot incomplete', result.reason));

  if (list.status === 'fulfilled' && Array.isArray(list.value)) {
    list.value.forEach((entry) => {
      if (entry && typeof entry.id === 'string' && !isCameraSource(entry.id)) {
        ensureSource(entry.id).interval = entry.interval;
        renderStatus(entry.id);
      }
    });
  }
  if (readings.status === 'fulfilled' && isObject(readings.value)) {
    Object.entries(readings.value).forEach(([id, sensors]) => applyReadings(id, sensors));
  }
  if (statuses.status === 'fulfilled' && isObject(statuses.value)) {
    Object.entries(statuses.value).forEach(([id, status]) =>
      (id === ORCHESTRATOR ? applyOrchestrator(status) : applyStatus(id, status)));
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
    if (id === SENSE_HAT) {
      mountMatrix(card);
    }
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
  if (isCameraSource(id)) {
    applyCameraReadings(readings);
    return;
  }
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
    $('.label-text', row).textContent = KNOWN_SENSORS[sensor]?.label ?? humanize(sensor);
    $('.chart-toggle', row).setAttribute('aria-controls', `chart-${source.card.dataset.source}-${sensor}`.replace(/[^\w-]/g, '_'));
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
  // Only numbers have a history worth drawing; the label is a button only then.
  $('.chart-toggle', row).disabled = typeof reading.value !== 'number';
  renderMeter(row, reading);
  renderCo2(row, sensor, reading);
  if (typeof reading.value === 'number') {
    charts.get(`${source.card.dataset.source}/${sensor}`)?.add(Number(reading.timestamp), reading.value);
  }
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

/** CO2 tiles are coloured by band, and say the band in words: colour is never the only sign. */
function renderCo2(row, sensor, reading) {
  const level = $('.level', row);
  if (reading.unit !== 'ppm' || !/co2$/i.test(sensor) || typeof reading.value !== 'number') {
    delete row.dataset.co2Level;
    level.hidden = true;
    return;
  }
  const band = reading.value < CO2_GOOD_BELOW ? 'good' : reading.value <= CO2_FAIR_UP_TO ? 'fair' : 'poor';
  row.dataset.co2Level = band;
  level.textContent = band.charAt(0).toUpperCase() + band.slice(1);
  level.hidden = false;
}

function applyStatus(id, status) {
  if (isCameraSource(id)) {
    applyCameraStatus(status);
    return;
  }
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
  if (Array.isArray(orchestrator?.overdue) && orchestrator.overdue.includes(source.card.dataset.source)) {
    return 'overdue';
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
  $('.badge', card).textContent = {
    ok: 'OK', error: 'Error', overdue: 'Overdue', stale: 'Stale', unknown: 'Waiting',
  }[state];

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
  renderCommands(id);
}

// ---- history charts

/** Opens or closes a reading's 24 h chart below its tile; the row spans the card while open. */
async function toggleChart(row) {
  const id = row.closest('[data-source]').dataset.source;
  const sensor = row.dataset.sensor;
  const key = `${id}/${sensor}`;
  const toggle = $('.chart-toggle', row);
  const panel = $('.history', row);
  if (row.dataset.open === 'true') {
    charts.delete(key);
    row.dataset.open = 'false';
    toggle.setAttribute('aria-expanded', 'false');
    panel.hidden = true;
    panel.replaceChildren();
    return;
  }
  row.dataset.open = 'true';
  toggle.setAttribute('aria-expanded', 'true');
  panel.hidden = false;
  panel.id = toggle.getAttribute('aria-controls');
  const note = document.createElement('p');
  note.className = 'chart-note';
  note.textContent = 'Loading the last 24 h…';
  panel.replaceChildren(note);
  let points;
  try {
    points = await api(`api/history/${encodeURIComponent(id)}/${encodeURIComponent(sensor)}`);
  } catch (error) {
    note.textContent = `Cannot load the history: ${error.message}`;
    return;
  }
  if (row.dataset.open !== 'true' || panel.firstElementChild !== note) {
    return; // closed (or reopened) while loading
  }
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.dataset.chart = key;
  svg.classList.add('chart');
  const source = sources.get(id);
  const known = KNOWN_SENSORS[sensor] ?? {};
  const chart = createChart(svg, {
    points: Array.isArray(points) ? points.map(([ts, value]) => [Number(ts), Number(value)]) : [],
    spanSeconds: HISTORY_SPAN_S,
    label: `${$('.label-text', row).textContent} history`,
    format: (value) => {
      const { text, unit } = formatValue(value, source.readings.get(sensor)?.unit, known);
      return unit ? `${text}\u00a0${unit}` : text;
    },
  });
  // The reading shown may be newer than the last stored point (at most one a minute is kept).
  const current = source.readings.get(sensor);
  if (typeof current?.value === 'number') {
    chart.add(Number(current.timestamp), current.value);
  }
  charts.set(key, chart);
  panel.replaceChildren(svg);
}

// ---- orchestrator commands (operators only; the bridge refuses them from anyone else)

/** Sends a command to the orchestrator over the bridge; resolves with the reply's data or throws its error. */
function command(body) {
  return new Promise((resolve, reject) => {
    if (eventBus?.state !== EventBus.OPEN) {
      reject(new Error('Not connected to the hub.'));
      return;
    }
    const timer = setTimeout(() => reject(new Error('No answer from the hub.')), COMMAND_TIMEOUT_MS);
    eventBus.send(`cmd.${ORCHESTRATOR}`, body, {}, (error, reply) => {
      clearTimeout(timer);
      if (error) {
        reject(new Error(error.message || 'The hub refused the command.'));
      } else if (reply.body?.status === 'ok') {
        resolve(reply.body.data);
      } else {
        reject(new Error(reply.body?.error || 'The command failed.'));
      }
    });
  });
}

/** A "Refresh now" button on each scheduled source's card, while the visitor may write. */
function renderCommands(id) {
  const card = sources.get(id).card;
  if (id === PIHOLE) {
    renderBlockingControls(card, {
      canWrite: access?.can_write === true,
      send: command,
      busy: whileBusy,
      // The new state shows in the card once the source has read it: now, if it is scheduled.
      changed: () => {
        if (Number(orchestrator?.scheduled?.[id]) > 0) {
          command({ command: 'trigger', service: id }).catch((error) => console.warn('pihole refresh', error));
        }
      },
    });
  }
  const existing = $('.commands', card);
  const wanted = access?.can_write === true && Number(orchestrator?.scheduled?.[id]) > 0;
  if (!wanted) {
    existing?.remove();
    return;
  }
  if (!existing) {
    const commands = $('#source-commands').content.firstElementChild.cloneNode(true);
    $('.refresh', commands).setAttribute('aria-label', `Refresh ${humanize(id)} now`);
    card.append(commands);
  }
}

async function refreshNow(button) {
  const id = button.closest('[data-source]').dataset.source;
  const status = $('.command-status', button.closest('.commands'));
  await whileBusy(button, async () => {
    commandStatus(status, 'busy', 'Refreshing…');
    try {
      await command({ command: 'trigger', service: id });
      commandStatus(status, 'done', 'Done.');
    } catch (error) {
      commandStatus(status, 'error', error.message);
    }
  });
}

async function scanAranet4() {
  const status = $('#aranet-scan-status');
  const list = $('#aranet-devices');
  await whileBusy($('#aranet-scan'), async () => {
    commandStatus(status, 'busy', 'Scanning…');
    list.replaceChildren();
    try {
      const data = await command({ command: 'scan_aranet4' });
      const devices = Array.isArray(data?.devices) ? data.devices : [];
      list.replaceChildren(...devices.map((device) => {
        const item = document.createElement('li');
        item.textContent = `${device.name || 'Aranet4'} · ${device.mac ?? '?'} · ${device.rssi ?? '?'} dBm`;
        return item;
      }));
      commandStatus(status, 'done', devices.length ? `Found ${devices.length}.` : 'No Aranet4 found.');
    } catch (error) {
      commandStatus(status, 'error', error.message);
    }
  });
}

function commandStatus(element, state, message) {
  element.dataset.state = state;
  element.textContent = message;
}

function applyOrchestrator(status) {
  if (!isObject(status) || (orchestrator && statusTime(orchestrator) > statusTime(status))) {
    return;
  }
  orchestrator = status;
  sources.forEach((source, id) => renderStatus(id));
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
  const text = String(name).replace(/_/g, ' ').replace(/:/g, ' · ').replace(/\bco2\b/gi, 'CO2');
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

// ---- access control

/** Reads who the visitor is and what they may do, and shows the page accordingly. */
async function refreshAccess() {
  const request = ++accessRequests;
  const me = await api('api/auth/me');
  if (request === accessRequests) {
    access = me;
    renderAccess();
  }
  return me;
}

function renderAccess() {
  const signedIn = access.authenticated === true;
  $('#auth-off-banner').hidden = access.auth_enabled !== false;
  const user = $('#user');
  user.hidden = !signedIn;
  user.dataset.role = signedIn ? access.role ?? '' : '';
  $('#user-name').textContent = signedIn ? access.username ?? '' : '';
  $('#user-role').textContent = signedIn ? access.role ?? '' : '';
  // Without read access the form is the whole page: a button to open it would only repeat it.
  $('#signin-open').hidden = !access.auth_enabled || signedIn || !access.can_read;
  $('#signout').hidden = !signedIn;

  sources.forEach((source, id) => renderCommands(id));
  camerasAccess(access);
  if (access.can_write) {
    showSettings();
  } else {
    // Removed, not hidden: write controls exist only while the visitor may use them.
    $('#settings')?.closest('section').remove();
  }

  document.querySelectorAll('main > .data').forEach((section) => {
    section.hidden = !access.can_read;
  });
  if (access.can_read) {
    if ($('#signin').dataset.required === 'true') {
      closeSignIn();
    }
    if (!eventBus) {
      setConnection('connecting');
      connect();
    }
  } else {
    // Nothing may be seen without signing in: drop the bridge and whatever it had shown.
    disconnect();
    clearData();
    setConnection('locked');
    openSignIn({ required: true });
  }
}

function clearData() {
  sources.clear();
  charts.clear();
  orchestrator = null;
  seenVerticles.clear();
  $('#sources').replaceChildren();
  $('#nodes').replaceChildren();
  $('#sources-empty').hidden = false;
  $('#nodes-empty').hidden = false;
  $('#hub-name').textContent = '—';
  document.title = 'Sense Pulse';
}

/** A request was refused for want of a session: say so and offer the form. */
function sessionLost() {
  refreshAccess()
    .then((me) => {
      if (me.auth_enabled && !me.authenticated && me.can_read) {
        openSignIn({ required: false, why: 'Your session has ended. Sign in again to change settings.' });
      }
    })
    .catch((error) => console.warn('cannot read the sign-in state', error));
}

/** After a sign-in or sign-out the bridge must handshake again so that the hub sees the new session. */
async function sessionChanged() {
  disconnect();
  setConnection('connecting');
  try {
    await refreshAccess();
  } catch (error) {
    console.warn('cannot read the sign-in state', error);
  }
  // Reconnects if refreshAccess could not; a refused handshake makes onclose ask again.
  if (!eventBus && access?.can_read !== false) {
    connect();
  }
}

// ---- sign-in form

/** required: the only thing on the page (anonymous viewing is off), so it cannot be dismissed. */
function openSignIn({ required, why }) {
  const panel = $('#signin');
  const wasOpen = !panel.hidden;
  panel.dataset.required = String(required);
  $('#signin-why').textContent = why
    ?? (required ? 'This hub shows its readings to signed-in users only.' : 'Sign in to change settings.');
  $('#signin-cancel').hidden = required;
  panel.hidden = false;
  $('#signin-open').setAttribute('aria-expanded', 'true');
  if (!wasOpen) {
    showSignInError('');
    $('#signin-username').focus();
  }
}

function closeSignIn() {
  $('#signin').hidden = true;
  $('#signin').dataset.required = 'false';
  $('#signin-open').setAttribute('aria-expanded', 'false');
  $('#signin-password').value = '';
  showSignInError('');
}

function showSignInError(message) {
  const error = $('#signin-error');
  error.textContent = message;
  error.hidden = !message;
  $('#signin-password').setAttribute('aria-invalid', String(Boolean(message)));
}

async function signIn(event) {
  event.preventDefault();
  const username = $('#signin-username').value.trim();
  const passwordField = $('#signin-password');
  // Read once and cleared at once: the password lives only in this request.
  const password = passwordField.value;
  passwordField.value = '';
  if (!username || !password) {
    showSignInError('Enter your username and password.');
    (username ? passwordField : $('#signin-username')).focus();
    return;
  }
  const signedIn = await whileBusy($('#signin-submit'), async () => {
    try {
      await api('api/auth/login', { method: 'POST', body: { username, password } });
      return true;
    } catch (error) {
      showSignInError(signInProblem(error));
      passwordField.focus();
      return false;
    }
  });
  if (!signedIn) {
    return;
  }
  closeSignIn();
  await sessionChanged();
  announce(`Signed in as ${access?.username ?? username}.`);
  if (!$('#signout').hidden) {
    $('#signout').focus();
  }
}

function signInProblem(error) {
  if (!(error instanceof ApiError)) {
    return 'The hub cannot be reached. Try again.';
  }
  switch (error.status) {
    case 401:
      return 'Wrong username or password.';
    case 429: {
      const seconds = Math.ceil(Number(error.body?.retry_after)) || 60;
      return `Too many attempts, try again in ${seconds} s.`;
    }
    case 409:
      return 'Sign-in is not enabled on this hub.';
    default:
      return error.message;
  }
}

async function signOut() {
  const signedOut = await whileBusy($('#signout'), async () => {
    try {
      await api('api/auth/logout', { method: 'POST' });
      return true;
    } catch (error) {
      announce(`Sign-out failed: ${error.message}`);
      return false;
    }
  });
  if (!signedOut) {
    return;
  }
  await sessionChanged();
  announce('Signed out.');
  const open = $('#signin-open');
  if (!open.hidden) {
    open.focus();
  }
}

/**
 * Runs task unless the button's previous one is still running. aria-disabled, not disabled: a
 * disabled button loses keyboard focus to the page. Returns task's result, or undefined if busy.
 */
async function whileBusy(button, task) {
  if (button.getAttribute('aria-disabled') === 'true') {
    return undefined;
  }
  button.setAttribute('aria-disabled', 'true');
  try {
    return await task();
  } finally {
    button.removeAttribute('aria-disabled');
  }
}

function announce(message) {
  $('#announce').textContent = message;
}

// ---- settings (operators only)

function showSettings() {
  if ($('#settings')) {
    return;
  }
  const section = $('#settings-section').content.firstElementChild.cloneNode(true);
  $('main').append(section);
  $('#settings').addEventListener('submit', saveSettings);
  $('#aranet-scan').addEventListener('click', scanAranet4);
  loadSettings();
}

async function loadSettings() {
  try {
    renderSchedule(await api('api/config/schedule'));
  } catch (error) {
    settingsStatus('error', `Cannot load the settings: ${error.message}`);
  }
}

function renderSchedule(schedule) {
  const form = $('#settings');
  if (!form || !isObject(schedule)) {
    return;
  }
  const ids = Object.keys(schedule).sort();
  const fields = $('.fields', form);
  fields.replaceChildren(...ids.map((id) => {
    const field = $('#schedule-field').content.firstElementChild.cloneNode(true);
    const input = $('input', field);
    input.id = `schedule-${id}`;
    input.dataset.schedule = id;
    input.value = String(schedule[id]);
    const label = $('label', field);
    label.htmlFor = input.id;
    label.textContent = humanize(id);
    return field;
  }));
  $('.settings-empty', form).hidden = ids.length > 0;
  $('#settings-save').hidden = ids.length === 0;
}

async function saveSettings(event) {
  event.preventDefault();
  const inputs = [...document.querySelectorAll('#settings input[data-schedule]')];
  const invalid = inputs.find((input) => !input.checkValidity());
  if (invalid) {
    settingsStatus('error', `${$(`label[for="${invalid.id}"]`).textContent}: whole seconds from 1 to 86400.`);
    invalid.focus();
    return;
  }
  const schedule = Object.fromEntries(inputs.map((input) => [input.dataset.schedule, Number(input.value)]));
  await whileBusy($('#settings-save'), async () => {
    settingsStatus('saving', 'Saving…');
    try {
      renderSchedule(await api('api/config/schedule', { method: 'PUT', body: schedule }));
      settingsStatus('saved', 'Saved.');
    } catch (error) {
      settingsStatus('error', `Not saved: ${error.message}`);
    }
  });
}

/** The card may have gone (signed out) while a request was in flight. */
function settingsStatus(state, message) {
  const status = $('#settings-status');
  if (status) {
    status.dataset.state = state;
    status.textContent = message;
  }
}

// ---- clock: ages and uptimes move on their own between pushes (no network involved)

function tick() {
  if (eventBus?.state === EventBus.OPEN && Date.now() - lastHeardAt > SILENCE_LIMIT_MS) {
    // Closing hands over to the client's reconnect loop, which shows the banner meanwhile.
    eventBus.sockJSConn.close();
  }
  const now = Date.now() / 1000;
  document.querySelectorAll('.uptime[data-started]').forEach((element) => renderUptime(element, now));
  sources.forEach((source, id) => renderStatus(id, now));
}

$('#signin-form').addEventListener('submit', signIn);
$('#signin-open').addEventListener('click', () => openSignIn({ required: false }));
$('#signin-cancel').addEventListener('click', () => {
  closeSignIn();
  $('#signin-open').focus();
});
$('#signin').addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && $('#signin').dataset.required !== 'true') {
    closeSignIn();
    $('#signin-open').focus();
  }
});
$('#signout').addEventListener('click', signOut);
// One listener for every card: tiles and buttons come and go with the sources.
$('#sources').addEventListener('click', (event) => {
  const refresh = event.target.closest('button.refresh');
  if (refresh) {
    refreshNow(refresh);
    return;
  }
  // The whole tile is the tap target; the label's button gives keyboards and screen readers the same.
  const row = event.target.closest('.reading');
  if (row && !$('.chart-toggle', row).disabled && !event.target.closest('.history')) {
    toggleChart(row);
  }
});

initCameras(api);
// The bridge starts once the hub has said that this visitor may read; if it cannot say, the
// bridge starts anyway (its reconnect loop copes with a hub that is down) and asks again on open.
sessionChanged();
setInterval(tick, 1000);
