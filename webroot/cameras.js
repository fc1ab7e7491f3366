// The Cameras section: a card per camera of config:camera with its stream's state, Start/Stop and
// PTZ for operators, and a video anyone who may read can open. The video plays the hub's live
// view (fragmented MP4 over the /live WebSocket into Media Source Extensions, under a second
// behind) or HLS (hls.js from vendor/, loaded only when needed, or the browser's own HLS).
// Operators can also look for cameras on the network and add one. app.js hands over the bridge's
// network_camera readings and status and the visitor's access.

import { codecsOf, isInitSegment, mimeOf } from './mp4.js';

const $ = (selector, root = document) => root.querySelector(selector);
const SOURCE = 'network_camera';
const STATUS_LABELS = {
  starting: 'Starting', streaming: 'Streaming', reconnecting: 'Reconnecting', error: 'Error', stopped: 'Stopped',
};
const ACTIVE = new Set(['starting', 'streaming', 'reconnecting']);
// Streams that ended for these reasons failed; others were stopped.
const FAILED_ENDINGS = new Set(['max_reconnects', 'error']);
// The live view is kept this close to the newest frame; older buffered video is dropped.
const LIVE_LAG_MAX_S = 1.5;
const LIVE_LAG_TARGET_S = 0.3;
const BUFFER_KEEP_S = 10;
// A live socket closed with "try again later" (the stream is not up yet) is reopened after this.
const LIVE_RETRY_MS = 2000;
const CLOSE_TRY_LATER = 1013;
// In a live player's queue: what follows is a new run, placed after what is buffered.
const CONTINUE_AFTER_BUFFERED = Symbol('continue after buffered');
// Half the streamer's range (0.1-1): a nudge per tap.
const PTZ_STEP = 0.5;
// The orchestrator's field of status:network_camera (the streamers' fields are named after their cameras).
const ORCHESTRATOR_STREAMS = 'orchestrator:streams';

let api = null;
let access = null;
/** id -> { camera, stream, card, player } */
const cameras = new Map();
let listVersion = 0;

/** app.js's fetch wrapper (CSRF, sign-in handling), used for every request. */
export function initCameras(apiFunction) {
  api = apiFunction;
  $('#cameras').addEventListener('click', onCardClick);
  $('#cameras').addEventListener('change', onModeChange);
  document.addEventListener('visibilitychange', () => {
    // A phone in a pocket should not keep a stream alive: players stop when the page is hidden.
    cameras.forEach((entry) => (document.hidden ? stopPlayer(entry, { keepWanted: true }) : resumePlayer(entry)));
  });
}

/** Called with every answer of api/auth/me. */
export function camerasAccess(newAccess) {
  access = newAccess;
  const section = $('#cameras-section');
  section.hidden = !access?.can_read;
  if (!access?.can_read) {
    clearCameras();
    return;
  }
  renderDiscovery();
  cameras.forEach((entry) => render(entry));
  // Also on every bridge (re)connect; this covers a bridge that is slow to come up.
  reloadCameras();
}

/** Loads the camera list; on every bridge (re)connect. */
export async function reloadCameras() {
  const version = ++listVersion;
  let list;
  try {
    list = await api('api/cameras');
  } catch (error) {
    console.warn('cannot load the cameras', error);
    return;
  }
  if (version !== listVersion || !Array.isArray(list)) {
    return;
  }
  const ids = new Set(list.map((camera) => camera.id));
  cameras.forEach((entry, id) => {
    if (!ids.has(id)) {
      stopPlayer(entry);
      entry.card.remove();
      cameras.delete(id);
    }
  });
  list.forEach((camera) => {
    const entry = cameras.get(camera.id) ?? createCard(camera);
    entry.camera = camera;
    entry.stream = { ...camera.stream };
    render(entry);
  });
  $('#cameras-empty').hidden = cameras.size > 0;
}

/** data.network_camera: {"<camera>:stream_<field>": {value, timestamp}}. */
export function applyCameraReadings(readings) {
  if (!readings || typeof readings !== 'object') {
    return;
  }
  const touched = new Set();
  Object.entries(readings).forEach(([sensor, reading]) => {
    const match = /^(.+):stream_(status|connected|error|resolution|fps|uptime)$/.exec(sensor);
    const entry = match && cameras.get(match[1]);
    if (entry && reading && typeof reading === 'object') {
      entry.stream[match[2]] = reading.value;
      entry.stream.updated = Math.max(entry.stream.updated ?? 0, Number(reading.timestamp) || 0);
      touched.add(entry);
    }
  });
  touched.forEach(render);
}

/** status.network_camera: the orchestrator's {streams: {camera: {state, reason, since}}}. */
export function applyCameraStatus(status) {
  const streams = status?.[ORCHESTRATOR_STREAMS];
  if (!streams || typeof streams !== 'object') {
    return;
  }
  Object.entries(streams).forEach(([id, stream]) => {
    const entry = cameras.get(id);
    if (entry && stream && typeof stream === 'object') {
      entry.stream.state = stream.state;
      entry.stream.reason = stream.reason ?? null;
      entry.stream.orchestratorError = stream.error ?? null;
      entry.stream.since = stream.since;
      render(entry);
    }
  });
}

export function isCameraSource(id) {
  return id === SOURCE;
}

function clearCameras() {
  cameras.forEach((entry) => stopPlayer(entry));
  cameras.clear();
  $('#cameras').replaceChildren();
  $('#cameras-empty').hidden = false;
  $('#camera-discovery')?.remove();
}

// ---- cards

function createCard(camera) {
  const card = $('#camera-card').content.firstElementChild.cloneNode(true);
  card.dataset.camera = camera.id;
  const title = $('.title', card);
  title.id = `camera-${camera.id}-title`;
  card.setAttribute('aria-labelledby', title.id);
  $('video', card).setAttribute('aria-label', `Video of ${camera.name ?? camera.id}`);
  const mode = $('select.mode', card);
  mode.id = `camera-${camera.id}-mode`;
  $('label.mode-label', card).htmlFor = mode.id;
  const entry = { camera, stream: {}, card, player: null, wanted: false };
  cameras.set(camera.id, entry);
  $('#cameras').append(card);
  return entry;
}

/** What the card shows: the orchestrator's state where it knows better than the readings. */
function displayedStatus(stream) {
  const { state } = stream;
  if (state === 'starting' || (state === 'running' && (stream.updated ?? 0) < (stream.since ?? 0))) {
    return { status: 'starting', error: null };
  }
  if (state === 'stopping' || state === 'stopped') {
    return FAILED_ENDINGS.has(stream.reason)
      ? { status: 'error', error: stream.orchestratorError || stream.error || `The stream ended: ${stream.reason}.` }
      : { status: 'stopped', error: null };
  }
  if (state === 'error') {
    return { status: 'error', error: stream.orchestratorError || stream.error };
  }
  const status = STATUS_LABELS[stream.status] ? stream.status : 'stopped';
  // While streaming, the streamer's error is a warning worth showing (H.265 that browsers cannot play).
  return { status, error: status === 'starting' || status === 'stopped' ? null : stream.error };
}

function render(entry) {
  const { card, camera, stream } = entry;
  const { status, error } = displayedStatus(stream);
  card.dataset.status = status;
  $('.title', card).textContent = camera.name || camera.id;
  $('.badge', card).textContent = STATUS_LABELS[status];
  const facts = [stream.resolution, stream.fps ? `${stream.fps} fps` : null].filter(Boolean);
  $('.meta', card).textContent = status === 'streaming' && facts.length ? facts.join(' · ') : '';
  const errorLine = $('.error', card);
  errorLine.hidden = !error;
  errorLine.textContent = error ?? '';

  const canWrite = access?.can_write === true;
  const active = ACTIVE.has(status);
  $('.start', card).hidden = !canWrite || active;
  $('.stop', card).hidden = !canWrite || !active;
  $('.watch', card).hidden = !active && !entry.wanted;
  $('.watch', card).textContent = entry.wanted ? 'Hide video' : 'Watch';
  $('.watch', card).setAttribute('aria-expanded', String(entry.wanted));
  $('.ptz', card).hidden = !(canWrite && camera.ptz && active);
  $('.player', card).hidden = !entry.wanted;
  if (entry.wanted && active && !entry.player && !document.hidden) {
    startPlayer(entry);
  }
  if (!active && entry.player && status !== 'starting') {
    stopPlayer(entry, { keepWanted: false });
    note(entry, error ? '' : 'The stream has stopped.');
    $('.player', card).hidden = true;
  }
}

async function onCardClick(event) {
  const button = event.target.closest('button');
  const card = event.target.closest('[data-camera]');
  const entry = card && cameras.get(card.dataset.camera);
  if (!button || !entry) {
    return;
  }
  if (button.classList.contains('start')) {
    await command(entry, button, 'start', 'Starting…', 'Started.');
    entry.wanted = true;
    render(entry);
  } else if (button.classList.contains('stop')) {
    await command(entry, button, 'stop', 'Stopping…', 'Stopped.');
  } else if (button.classList.contains('watch')) {
    entry.wanted = !entry.wanted;
    if (!entry.wanted) {
      stopPlayer(entry);
    }
    render(entry);
  } else if (button.dataset.direction) {
    await busy(button, async () => {
      const status = $('.command-status', card);
      try {
        await api(`api/cameras/${entry.camera.id}/ptz`, { method: 'POST', body: { direction: button.dataset.direction, step: PTZ_STEP } });
        setStatus(status, 'done', `Moved ${button.getAttribute('aria-label').toLowerCase()}.`);
      } catch (error) {
        setStatus(status, 'error', reason(error));
      }
    });
  }
}

async function command(entry, button, action, busyText, doneText) {
  const status = $('.command-status', entry.card);
  await busy(button, async () => {
    setStatus(status, 'busy', busyText);
    try {
      const reply = await api(`api/cameras/${entry.camera.id}/${action}`, { method: 'POST' });
      setStatus(status, 'done', reply?.data?.message ? `${reply.data.message}.` : doneText);
      // The bridge brings the new state too; this shows it without waiting for it.
      entry.stream.state = action === 'start' ? 'running' : 'stopping';
      entry.stream.reason = action === 'stop' ? 'user_stopped' : null;
      entry.stream.since = Date.now() / 1000;
      render(entry);
    } catch (error) {
      setStatus(status, 'error', reason(error));
    }
  });
}

function onModeChange(event) {
  const select = event.target.closest('select.mode');
  const entry = select && cameras.get(select.closest('[data-camera]').dataset.camera);
  if (entry && entry.player) {
    stopPlayer(entry, { keepWanted: true });
    resumePlayer(entry);
  }
}

// ---- players

function resumePlayer(entry) {
  if (entry.wanted && !entry.player && ACTIVE.has(displayedStatus(entry.stream).status)) {
    startPlayer(entry);
  }
}

function startPlayer(entry) {
  const mode = $('select.mode', entry.card).value;
  const video = $('video', entry.card);
  entry.player = mode === 'hls' ? hlsPlayer(entry, video) : livePlayer(entry, video);
  entry.card.dataset.player = mode;
}

function stopPlayer(entry, { keepWanted = false } = {}) {
  entry.player?.stop();
  entry.player = null;
  delete entry.card.dataset.player;
  if (!keepWanted) {
    entry.wanted = false;
  }
}

function note(entry, text) {
  $('.player-note', entry.card).textContent = text;
}

/** The live view: the WebSocket's first message is init + GOP, then one fragment per message. */
function livePlayer(entry, video) {
  const MediaSourceType = window.ManagedMediaSource ?? window.MediaSource;
  let socket = null;
  let mediaSource = null;
  let objectUrl = null;
  let buffer = null;
  let retry = null;
  let stopped = false;
  const queue = [];

  if (!MediaSourceType) {
    note(entry, 'This browser has no live video support; choose HLS.');
    return { stop() {} };
  }

  const open = () => {
    const url = new URL(`live/${encodeURIComponent(entry.camera.id)}`, document.baseURI);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    socket.onmessage = (message) => {
      if (!(message.data instanceof ArrayBuffer)) {
        return;
      }
      const bytes = new Uint8Array(message.data);
      if (!mediaSource) {
        begin(bytes);
      } else if (isInitSegment(bytes)) {
        // The streamer reconnected: its new run's clock starts again at 0, so it is placed after
        // what is buffered rather than before the playhead, where the video would stall.
        queue.push(CONTINUE_AFTER_BUFFERED, message.data);
        drain();
      } else {
        append(message.data);
      }
    };
    socket.onclose = (closed) => {
      if (stopped) {
        return;
      }
      if (closed.code === CLOSE_TRY_LATER || (!mediaSource && closed.code !== 1000)) {
        note(entry, 'Waiting for the stream…');
        retry = setTimeout(open, LIVE_RETRY_MS);
      } else {
        note(entry, closed.reason ? `Live view closed: ${closed.reason}.` : 'Live view closed.');
      }
    };
    note(entry, 'Connecting…');
  };

  const begin = (init) => {
    const codecs = codecsOf(init);
    const mime = mimeOf(codecs);
    if (!mime || !MediaSourceType.isTypeSupported(mime)) {
      note(entry, codecs.hevc
        ? 'This camera sends H.265, which this browser cannot play. Set the camera to H.264.'
        : `This browser cannot play this stream (${mime ?? 'unknown codec'}).`);
      entry.card.dataset.unplayable = 'true';
      socket.onclose = null;
      socket.close();
      return;
    }
    delete entry.card.dataset.unplayable;
    mediaSource = new MediaSourceType();
    if (window.ManagedMediaSource && mediaSource instanceof window.ManagedMediaSource) {
      // Safari needs this to use ManagedMediaSource without AirPlay.
      video.disableRemotePlayback = true;
    }
    objectUrl = URL.createObjectURL(mediaSource);
    video.src = objectUrl;
    queue.push(init.buffer.slice(init.byteOffset, init.byteOffset + init.byteLength));
    mediaSource.addEventListener('sourceopen', () => {
      buffer = mediaSource.addSourceBuffer(mime);
      buffer.mode = 'segments';
      buffer.addEventListener('updateend', () => {
        keepLive();
        drain();
      });
      drain();
    }, { once: true });
    note(entry, `Live · ${codecs.video}`);
    video.play().catch(() => {});
  };

  const append = (data) => {
    queue.push(data);
    drain();
  };

  const drain = () => {
    if (!buffer || buffer.updating || !queue.length || mediaSource.readyState !== 'open') {
      return;
    }
    if (queue[0] === CONTINUE_AFTER_BUFFERED) {
      queue.shift();
      const { buffered } = video;
      buffer.timestampOffset = buffered.length ? buffered.end(buffered.length - 1) : 0;
    }
    try {
      buffer.appendBuffer(queue.shift());
    } catch (error) {
      // QuotaExceeded: drop what was already watched and carry on.
      if (video.currentTime > BUFFER_KEEP_S) {
        buffer.remove(0, video.currentTime - BUFFER_KEEP_S);
      }
    }
  };

  const keepLive = () => {
    const { buffered } = video;
    if (!buffered.length) {
      return;
    }
    const end = buffered.end(buffered.length - 1);
    if (end - video.currentTime > LIVE_LAG_MAX_S) {
      video.currentTime = end - LIVE_LAG_TARGET_S;
    }
    if (!buffer.updating && video.currentTime - buffered.start(0) > 3 * BUFFER_KEEP_S) {
      buffer.remove(0, video.currentTime - BUFFER_KEEP_S);
    }
  };

  open();
  return {
    stop() {
      stopped = true;
      clearTimeout(retry);
      if (socket) {
        socket.onclose = null;
        socket.close();
      }
      video.removeAttribute('src');
      video.load();
      if (objectUrl) {
        URL.revokeObjectURL(objectUrl);
      }
    },
  };
}

/** HLS: hls.js where Media Source Extensions exist, else the browser's own HLS (older iPhones). */
function hlsPlayer(entry, video) {
  const url = `hls/${encodeURIComponent(entry.camera.id)}/index.m3u8`;
  let hls = null;
  let stopped = false;
  note(entry, 'Loading HLS…');
  (async () => {
    if (window.MediaSource || window.ManagedMediaSource) {
      const { default: Hls } = await import('./vendor/hls.light.min.js');
      if (stopped) {
        return;
      }
      if (Hls.isSupported()) {
        hls = new Hls({ liveSyncDurationCount: 2, maxBufferLength: 10, backBufferLength: BUFFER_KEEP_S });
        hls.on(Hls.Events.MANIFEST_PARSED, () => {
          note(entry, 'HLS');
          video.play().catch(() => {});
        });
        hls.on(Hls.Events.ERROR, (name, data) => {
          if (data.fatal) {
            note(entry, `HLS stopped: ${data.details}.`);
          }
        });
        hls.loadSource(url);
        hls.attachMedia(video);
        return;
      }
    }
    if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = url;
      note(entry, 'HLS');
      video.play().catch(() => {});
    } else {
      note(entry, 'This browser cannot play HLS.');
    }
  })().catch((error) => note(entry, `HLS failed: ${error.message}`));
  return {
    stop() {
      stopped = true;
      hls?.destroy();
      video.removeAttribute('src');
      video.load();
    },
  };
}

// ---- discovery (operators)

function renderDiscovery() {
  const existing = $('#camera-discovery');
  if (access?.can_write !== true) {
    existing?.remove();
    return;
  }
  if (existing) {
    return;
  }
  const panel = $('#camera-discovery-panel').content.firstElementChild.cloneNode(true);
  $('#cameras-section').append(panel);
  $('#camera-discover').addEventListener('click', discover);
  $('#camera-found').addEventListener('submit', addFound);
}

async function discover() {
  const status = $('#camera-discover-status');
  const list = $('#camera-found');
  await busy($('#camera-discover'), async () => {
    setStatus(status, 'busy', 'Looking for cameras…');
    list.replaceChildren();
    try {
      const reply = await api('api/cameras/discover', { method: 'POST' });
      const found = Array.isArray(reply?.data?.cameras) ? reply.data.cameras : [];
      list.replaceChildren(...found.map(foundItem));
      setStatus(status, 'done', found.length ? `Found ${found.length}.` : 'No cameras found.');
    } catch (error) {
      setStatus(status, 'error', reason(error));
    }
  });
}

function foundItem(found, index) {
  const item = $('#camera-found-item').content.firstElementChild.cloneNode(true);
  $('.found-name', item).textContent = `${found.name ?? found.host} · ${found.host}:${found.port}`;
  [['name', found.name ?? found.host], ['url', `rtsp://${found.host}:${found.port}/`]].forEach(([field, value]) => {
    const input = $(`input[name="${field}"]`, item);
    input.id = `found-${index}-${field}`;
    input.value = value;
    $(`label[data-for="${field}"]`, item).htmlFor = input.id;
  });
  return item;
}

async function addFound(event) {
  event.preventDefault();
  const form = event.target;
  const name = form.elements.name.value.trim();
  const status = $('.form-status', form);
  const id = uniqueId(name);
  await busy($('button', form), async () => {
    try {
      await api(`api/cameras/${id}`, { method: 'PUT', body: { name, rtsp_url: form.elements.url.value.trim() } });
      setStatus(status, 'saved', `Added as ${id}.`);
      await reloadCameras();
    } catch (error) {
      setStatus(status, 'error', reason(error));
    }
  });
}

/** A camera id from its name: lower case, dashes, unused so far. */
function uniqueId(name) {
  const base = name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 29) || 'camera';
  let id = base;
  for (let n = 2; cameras.has(id); n += 1) {
    id = `${base}-${n}`;
  }
  return id;
}

// ---- helpers

function setStatus(element, state, message) {
  element.dataset.state = state;
  element.textContent = message;
}

/** A command's refusal: the orchestrator's or streamer's own words where there are some. */
function reason(error) {
  return error?.body?.error ?? error?.message ?? 'Failed.';
}

async function busy(button, task) {
  if (button.getAttribute('aria-disabled') === 'true') {
    return;
  }
  button.setAttribute('aria-disabled', 'true');
  try {
    await task();
  } finally {
    button.removeAttribute('aria-disabled');
  }
}
