package io.sensepulse.camera;

import io.sensepulse.common.media.RtspInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ffmpeg argument list of one camera stream: RTSP in; HLS into {@code <dir>/index.m3u8} (1 s
 * segments, a short rolling playlist) and, from the same process, fragmented MP4 on stdout for the
 * live view. Video is copied (a Pi cannot afford to transcode); audio becomes AAC, which both HLS
 * and MSE play, where cameras mostly send G.711. Both outputs are slaves of one {@code tee} muxer,
 * so the audio is encoded once rather than once per output (a third less ffmpeg CPU with 48 kHz
 * stereo). Pure: an argument list for ProcessBuilder, never a shell line, and the camera's URL
 * in a script for ffmpeg's stdin ({@link RtspInput}).
 *
 * @param ffmpeg the ffmpeg executable
 * @param ioTimeoutMs how long a silent RTSP socket may stall before ffmpeg gives up, so a dead host fails fast
 * @param liveFragmentMs the live view's fragment length: latency stays about this plus the network
 * @param playlistSize segments listed in the HLS playlist; older ones are deleted
 */
public record FfmpegCommand(String ffmpeg, int ioTimeoutMs, int liveFragmentMs, int playlistSize) {
  public static final String PLAYLIST = "index.m3u8";
  public static final String SEGMENT_PATTERN = "seg_%d.ts";
  public static final int SEGMENT_SECONDS = 1;
  /** A glob for everything ffmpeg writes into the folder, temporary files included. */
  public static final String WRITTEN_FILES = "{index.m3u8,index.m3u8.tmp,seg_*.ts,seg_*.ts.tmp}";
  /**
   * Characters the tee muxer's slave list gives a meaning ({@code [opt=v:opt=v]file|...}, with
   * {@code \} and {@code '} for escaping): a folder holding one could not be named in it.
   */
  /**
   * How long video waits for audio to interleave with, in microseconds, in each of the two muxing
   * layers (ffmpeg's output and each tee slave). The default (10 s) holds video back until the AAC
   * encoder's frames (128 ms each at a camera's 8 kHz) catch up; 20 ms makes the live view ~0.17 s
   * sooner, and players take tracks that are a frame apart in stride.
   */
  static final long MAX_INTERLEAVE_DELTA_US = 20_000;
  public static final String TEE_SPECIALS = "[]|:\\'";

  /** The camera as ffmpeg's input; its URL, password and all, travels on ffmpeg's stdin, not in its arguments. */
  public RtspInput input(String rtspUrl, String transport) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("rtsp_transport", transport);
    // socket timeout, microseconds: a dead host fails fast
    options.put("timeout", String.valueOf(ioTimeoutMs * 1000L));
    // the frame rate from the stream's headers instead of counting frames first: the picture
    // starts about 0.8 s sooner; the probe still waits (up to 5 s) for what it needs to know
    options.put("fpsprobesize", "0");
    return RtspInput.of(rtspUrl, options);
  }

  public List<String> arguments(RtspInput input, Path outputDir) {
    String hls = "[f=hls"
        + ":hls_time=" + SEGMENT_SECONDS
        + ":hls_list_size=" + playlistSize
        + ":hls_flags=delete_segments+program_date_time+independent_segments+omit_endlist+temp_file"
        + ":hls_segment_filename=" + teePath(outputDir.resolve(SEGMENT_PATTERN)) + "]"
        + teePath(outputDir.resolve(PLAYLIST));
    String live = "[f=mp4"
        + ":movflags=frag_keyframe+empty_moov+default_base_moof"
        + ":frag_duration=" + liveFragmentMs * 1000L
        // each tee output interleaves on its own, too
        + ":max_interleave_delta=" + MAX_INTERLEAVE_DELTA_US
        // each fragment leaves at once rather than when the pipe's buffer fills
        + ":flush_packets=1]pipe:1";
    List<String> arguments = new ArrayList<>(List.of(
        ffmpeg, "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info",
        // key=value lines on stderr once a second: frame counts show the stream moving
        "-progress", "pipe:2", "-stats_period", "1"));
    arguments.addAll(input.arguments());
    arguments.addAll(List.of(
        // the first video copied, the first audio (when there is one) as AAC
        "-map", "0:v:0", "-map", "0:a:0?", "-c:v", "copy", "-c:a", "aac",
        // the MP4 output needs the AAC configuration up front, which tee does not ask for itself
        "-flags", "+global_header",
        "-max_interleave_delta", String.valueOf(MAX_INTERLEAVE_DELTA_US),
        "-f", "tee", hls + "|" + live));
    return List.copyOf(arguments);
  }

  /** A path inside the tee muxer's slave list; {@link io.sensepulse.common.media.HlsDir} keeps the specials out. */
  private static String teePath(Path path) {
    String text = path.toString();
    for (char special : TEE_SPECIALS.toCharArray()) {
      if (text.indexOf(special) >= 0) {
        throw new IllegalArgumentException("the HLS folder " + path.getParent() + " contains '" + special
            + "', which ffmpeg's tee muxer cannot take in a path");
      }
    }
    return text;
  }
}
