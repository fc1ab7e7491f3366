package io.sensepulse.rig.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * YUV4MPEG2 ("y4m"), the uncompressed stream ffmpeg writes with {@code -f yuv4mpegpipe}: one text
 * header line ({@code YUV4MPEG2 W320 H240 F25:1 ... C420jpeg}), then per frame a {@code FRAME} line
 * and the planes. The recorder reads it whole frames at a time to release them on its own clock.
 */
public final class Y4m {
  private Y4m() {}

  private static final String MAGIC = "YUV4MPEG2";
  private static final String FRAME = "FRAME";
  /** Header and frame lines are a few dozen bytes; anything this long is not y4m. */
  private static final int MAX_LINE = 1024;

  /** A stream that is not y4m, or one this reader cannot size frames for. */
  public static final class FormatException extends IOException {
    public FormatException(String message) {
      super(message);
    }
  }

  /**
   * @param line the header line as it arrived, newline included, to pass on unchanged
   * @param frameBytes the planes of one frame, without its {@code FRAME} line
   */
  public record Header(int width, int height, int rateNumerator, int rateDenominator, String chroma,
      int frameBytes, byte[] line) {
    public double frameMillis() {
      return 1000.0 * rateDenominator / rateNumerator;
    }
  }

  public static Header parseHeader(byte[] line) throws FormatException {
    String text = new String(line, StandardCharsets.US_ASCII).stripTrailing();
    String[] fields = text.split(" ");
    if (!fields[0].equals(MAGIC)) {
      throw new FormatException("not a YUV4MPEG2 stream");
    }
    int width = -1;
    int height = -1;
    int numerator = -1;
    int denominator = -1;
    String chroma = "420jpeg";
    for (int i = 1; i < fields.length; i++) {
      String field = fields[i];
      if (field.isEmpty()) {
        continue;
      }
      String value = field.substring(1);
      switch (field.charAt(0)) {
        case 'W' -> width = positive(value, "width");
        case 'H' -> height = positive(value, "height");
        case 'F' -> {
          String[] rate = value.split(":");
          if (rate.length != 2) {
            throw new FormatException("frame rate " + value + " is not n:d");
          }
          numerator = positive(rate[0], "frame rate");
          denominator = positive(rate[1], "frame rate");
        }
        case 'C' -> chroma = value;
        default -> { } // interlacing, aspect, extensions: passed on, not needed to size a frame
      }
    }
    if (width < 0 || height < 0 || numerator < 0) {
      throw new FormatException("header lacks the width, height or frame rate: " + text);
    }
    return new Header(width, height, numerator, denominator, chroma, frameBytes(width, height, chroma), line.clone());
  }

  private static int frameBytes(int width, int height, String chroma) throws FormatException {
    long luma = (long) width * height;
    long halfWidth = (width + 1) / 2;
    long halfHeight = (height + 1) / 2;
    long bytes;
    if (chroma.matches("420(jpeg|mpeg2|paldv)?")) {
      bytes = luma + 2 * halfWidth * halfHeight;
    } else if (chroma.equals("422")) {
      bytes = luma + 2 * halfWidth * height;
    } else if (chroma.equals("444")) {
      bytes = 3 * luma;
    } else if (chroma.equals("mono")) {
      bytes = luma;
    } else {
      throw new FormatException("chroma " + chroma + " is not an 8-bit 4:2:0, 4:2:2, 4:4:4 or mono layout");
    }
    if (bytes > Integer.MAX_VALUE - MAX_LINE) {
      throw new FormatException("a " + width + "x" + height + " frame is too large");
    }
    return (int) bytes;
  }

  private static int positive(String value, String what) throws FormatException {
    try {
      int number = Integer.parseInt(value);
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new FormatException(what + " " + value + " is not a positive integer");
  }

  /** Whole frames from a y4m stream: the header first, then each {@code FRAME} line with its planes. */
  public static final class Reader {
    private final InputStream in;
    private Header header;

    public Reader(InputStream in) {
      this.in = in;
    }

    public Header header() throws IOException {
      if (header == null) {
        byte[] line = readLine();
        if (line == null) {
          throw new FormatException("the stream ended before its header");
        }
        header = parseHeader(line);
      }
      return header;
    }

    /** Room for any frame of this stream, its {@code FRAME} line included. */
    public int maxFrameBytes() throws IOException {
      return header().frameBytes() + MAX_LINE;
    }

    /**
     * Reads the next frame, its {@code FRAME} line and planes, into {@code into}.
     *
     * @return its length, or -1 at the end of the stream (a frame cut short by the writer
     *     stopping counts as the end: it cannot be shown)
     */
    public int next(byte[] into) throws IOException {
      int frameBytes = header().frameBytes();
      byte[] line = readLine();
      if (line == null) {
        return -1;
      }
      if (!new String(line, 0, Math.min(line.length, FRAME.length()), StandardCharsets.US_ASCII).equals(FRAME)) {
        throw new FormatException("expected a FRAME line");
      }
      System.arraycopy(line, 0, into, 0, line.length);
      int read = in.readNBytes(into, line.length, frameBytes);
      return read < frameBytes ? -1 : line.length + frameBytes;
    }

    /** One line, newline included; null at the end of the stream. */
    private byte[] readLine() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream(64);
      int b;
      while ((b = in.read()) >= 0) {
        line.write(b);
        if (b == '\n') {
          return line.toByteArray();
        }
        if (line.size() > MAX_LINE) {
          throw new FormatException("a line longer than " + MAX_LINE + " bytes: not y4m");
        }
      }
      return null;
    }
  }
}
