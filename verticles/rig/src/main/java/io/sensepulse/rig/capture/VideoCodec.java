package io.sensepulse.rig.capture;

/**
 * The two codecs a recording may use.
 *
 * @param configName the config value ({@code codec})
 * @param encoder ffmpeg's software encoder for it
 * @param v4l2Format ffmpeg's v4l2 {@code -input_format} name, as {@code -list_formats} prints it
 */
public enum VideoCodec {
  H265("h265", "libx265", "hevc"),
  H264("h264", "libx264", "h264");

  private final String configName;
  private final String encoder;
  private final String v4l2Format;

  VideoCodec(String configName, String encoder, String v4l2Format) {
    this.configName = configName;
    this.encoder = encoder;
    this.v4l2Format = v4l2Format;
  }

  public String configName() {
    return configName;
  }

  public String encoder() {
    return encoder;
  }

  public String v4l2Format() {
    return v4l2Format;
  }

  public static VideoCodec parse(String name) {
    for (VideoCodec codec : values()) {
      if (codec.configName.equals(name)) {
        return codec;
      }
    }
    throw new IllegalArgumentException("must be h265 or h264, got '" + name + "'");
  }
}
