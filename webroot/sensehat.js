// The Sense HAT card's live mirror of its 8x8 LED matrix. The hub publishes what the matrix shows
// on data.sense_hat.matrix ({frame: 64 pixels of RRGGBB hex, row by row from the top-left}), at
// most ten times a second and only when it changed.

export const SENSE_HAT = 'sense_hat';
export const MATRIX_ADDRESS = 'data.sense_hat.matrix';

const SIZE = 8;
const FRAME = /^[0-9a-f]{384}$/i;

/** Adds the mirror, all dark until the first frame, to the Sense HAT's card. */
export function mountMatrix(card) {
  if (card.querySelector('.matrix')) {
    return;
  }
  const grid = document.createElement('div');
  grid.className = 'matrix';
  // One picture for assistive technology: the cells themselves say nothing.
  grid.setAttribute('role', 'img');
  grid.setAttribute('aria-label', 'LED matrix: no picture yet');
  for (let i = 0; i < SIZE * SIZE; i += 1) {
    const cell = document.createElement('span');
    cell.className = 'led';
    cell.dataset.rgb = '000000';
    grid.append(cell);
  }
  card.querySelector('.readings').before(grid);
}

/** Paints one frame; anything but 384 hex digits is ignored, leaving the last picture. */
export function drawMatrix(card, body) {
  const grid = card.querySelector('.matrix');
  const frame = body?.frame;
  if (!grid || typeof frame !== 'string' || !FRAME.test(frame)) {
    return;
  }
  let lit = 0;
  [...grid.children].forEach((cell, i) => {
    const rgb = frame.slice(i * 6, i * 6 + 6).toLowerCase();
    if (cell.dataset.rgb !== rgb) {
      cell.dataset.rgb = rgb;
      cell.style.backgroundColor = `#${rgb}`;
    }
    if (rgb !== '000000') {
      lit += 1;
    }
  });
  grid.setAttribute('aria-label', lit
    ? `LED matrix: ${lit} of ${SIZE * SIZE} LEDs lit`
    : 'LED matrix: all LEDs off');
}
