// A reading's last 24 h as a line in an inline SVG: small enough to need no chart library.
// The SVG scales with the card's width; its viewBox keeps text and line in proportion.

const SVG_NS = 'http://www.w3.org/2000/svg';
const WIDTH = 320;
const HEIGHT = 120;
const TOP = 16; // room for the max label
const BOTTOM = HEIGHT - 20; // room for the min and time labels

/**
 * Draws points ([[ts, value], ...], oldest first) into svg and returns {add(ts, value)} for live
 * readings. format(value) gives a value's text with its unit; label names the reading for screen readers.
 */
export function createChart(svg, { points, spanSeconds, format, label }) {
  const kept = points.filter(([ts, value]) => Number.isFinite(ts) && Number.isFinite(value));
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('role', 'img');

  function draw() {
    svg.dataset.points = String(kept.length);
    if (!kept.length) {
      svg.replaceChildren(text(WIDTH / 2, HEIGHT / 2, 'No history yet', 'middle'));
      svg.setAttribute('aria-label', `${label}: no history yet`);
      return;
    }
    const first = kept[0][0];
    const last = kept[kept.length - 1][0];
    const values = kept.map(([, value]) => value);
    const min = Math.min(...values);
    const max = Math.max(...values);
    // A flat line sits in the middle rather than on an edge.
    const x = (ts) => (last > first ? ((ts - first) / (last - first)) * WIDTH : WIDTH / 2);
    const y = (value) => (max > min ? BOTTOM - ((value - min) / (max - min)) * (BOTTOM - TOP) : (TOP + BOTTOM) / 2);
    const line = document.createElementNS(SVG_NS, 'polyline');
    line.setAttribute('class', 'line');
    line.setAttribute('points', kept.map(([ts, value]) => `${x(ts).toFixed(1)},${y(value).toFixed(1)}`).join(' '));
    const dot = document.createElementNS(SVG_NS, 'circle');
    dot.setAttribute('class', 'dot');
    Object.entries({ cx: x(last), cy: y(values[values.length - 1]), r: 3 }).forEach(([k, v]) => dot.setAttribute(k, v));
    const span = spanText(last - first);
    svg.replaceChildren(
      rule(TOP), rule(BOTTOM), line, dot,
      text(0, TOP - 4, `max ${format(max)}`, 'start'),
      text(0, HEIGHT - 4, `min ${format(min)}`, 'start'),
      text(WIDTH, HEIGHT - 4, span, 'end'),
    );
    svg.setAttribute('aria-label',
      `${label}, ${span}: lowest ${format(min)}, highest ${format(max)}, latest ${format(values[values.length - 1])}`);
  }

  function rule(atY) {
    const element = document.createElementNS(SVG_NS, 'line');
    element.setAttribute('class', 'rule');
    Object.entries({ x1: 0, x2: WIDTH, y1: atY, y2: atY }).forEach(([k, v]) => element.setAttribute(k, v));
    return element;
  }

  draw();
  return {
    add(ts, value) {
      if (!Number.isFinite(ts) || !Number.isFinite(value) || (kept.length && ts <= kept[kept.length - 1][0])) {
        return;
      }
      kept.push([ts, value]);
      while (kept.length && kept[0][0] < ts - spanSeconds) {
        kept.shift();
      }
      draw();
    },
  };
}

function text(x, y, content, anchor) {
  const element = document.createElementNS(SVG_NS, 'text');
  Object.entries({ x, y, 'text-anchor': anchor }).forEach(([k, v]) => element.setAttribute(k, v));
  element.textContent = content;
  return element;
}

function spanText(seconds) {
  if (seconds < 60) {
    return 'under a minute';
  }
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return `last ${hours ? `${hours}\u00a0h ` : ''}${minutes}\u00a0min`;
}
