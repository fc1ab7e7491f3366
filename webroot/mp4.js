// The codecs of a fragmented MP4's init segment, for MediaSource.isTypeSupported and
// addSourceBuffer: H.264 from its avcC box (profile, compatibility, level), H.265 recognised by
// its hvc1/hev1 sample entry, AAC by mp4a. Works on bytes alone.

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl']);
// A visual sample entry's fixed fields before its child boxes (ISO/IEC 14496-12).
const VISUAL_ENTRY_HEADER = 78;
// stsd is a full box (version, flags) with an entry count before its entries.
const STSD_HEADER = 8;
// Any H.265 codec string serves to ask whether the browser plays H.265 at all.
const HEVC_PROBE = 'hvc1.1.6.L93.B0';

/**
 * Returns { video, audio, hevc }: codec strings (or null) found in the init segment at the start of
 * bytes (a Uint8Array); hevc is true when the video is H.265.
 */
export function codecsOf(bytes) {
  const found = { video: null, audio: null, hevc: false };
  walk(bytes, 0, bytes.length, found);
  return found;
}

/** True when bytes (a Uint8Array) begin with an init segment: a new ffmpeg run after a reconnect. */
export function isInitSegment(bytes) {
  return bytes.length >= 8 && readType(bytes, 4) === 'ftyp';
}

/** The MIME type for a SourceBuffer, or null when the init segment names no known codec. */
export function mimeOf(codecs) {
  const list = [codecs.video, codecs.audio].filter(Boolean);
  return codecs.video ? `video/mp4; codecs="${list.join(', ')}"` : null;
}

function walk(bytes, start, end, found) {
  let offset = start;
  while (offset + 8 <= end) {
    const size = readUint32(bytes, offset);
    const type = readType(bytes, offset + 4);
    const boxEnd = size === 0 ? end : offset + size;
    if (size !== 0 && size < 8 || boxEnd > end) {
      return;
    }
    if (CONTAINERS.has(type)) {
      walk(bytes, offset + 8, boxEnd, found);
    } else if (type === 'stsd') {
      sampleEntries(bytes, offset + 8 + STSD_HEADER, boxEnd, found);
    }
    offset = boxEnd;
  }
}

function sampleEntries(bytes, start, end, found) {
  let offset = start;
  while (offset + 8 <= end) {
    const size = readUint32(bytes, offset);
    const type = readType(bytes, offset + 4);
    if (size < 8 || offset + size > end) {
      return;
    }
    if (type === 'avc1' || type === 'avc3') {
      found.video = avcCodec(bytes, offset + 8 + VISUAL_ENTRY_HEADER, offset + size, type);
    } else if (type === 'hvc1' || type === 'hev1') {
      found.video = HEVC_PROBE;
      found.hevc = true;
    } else if (type === 'mp4a') {
      found.audio = 'mp4a.40.2';
    }
    offset += size;
  }
}

function avcCodec(bytes, start, end, type) {
  let offset = start;
  while (offset + 8 <= end) {
    const size = readUint32(bytes, offset);
    if (size < 8) {
      break;
    }
    if (readType(bytes, offset + 4) === 'avcC' && offset + 12 <= end) {
      const hex = [1, 2, 3].map((i) => bytes[offset + 8 + i].toString(16).padStart(2, '0')).join('');
      return `${type}.${hex}`;
    }
    offset += size;
  }
  // Constrained Baseline 3.0: what most cameras' substreams are.
  return 'avc1.42E01E';
}

function readUint32(bytes, offset) {
  return ((bytes[offset] << 24) >>> 0) + (bytes[offset + 1] << 16) + (bytes[offset + 2] << 8) + bytes[offset + 3];
}

function readType(bytes, offset) {
  return String.fromCharCode(bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]);
}
