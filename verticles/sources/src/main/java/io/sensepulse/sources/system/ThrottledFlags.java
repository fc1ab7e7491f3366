package io.sensepulse.sources.system;

/**
 * The Raspberry Pi firmware's get_throttled bits. The firmware driver's sysfs attribute prints them
 * as bare hex ({@code "50005"}); {@code vcgencmd get_throttled} shows the same value as {@code 0x50005}.
 * Bits 0-3 are the state now, bits 16-19 the same conditions "has occurred since boot".
 */
public record ThrottledFlags(long bits) {
  private static final int OCCURRED_SHIFT = 16;

  public static ThrottledFlags parse(String getThrottled) {
    String hex = getThrottled.trim();
    if (hex.startsWith("0x") || hex.startsWith("0X")) {
      hex = hex.substring(2);
    }
    if (!hex.matches("[0-9a-fA-F]{1,8}")) {
      throw new IllegalArgumentException("'" + getThrottled.trim() + "' is not a 32-bit hex value");
    }
    return new ThrottledFlags(Long.parseLong(hex, 16));
  }

  /** As vcgencmd prints it: {@code 0x50005}. */
  public String hex() {
    return "0x" + Long.toHexString(bits);
  }

  public boolean underVoltage() {
    return bit(0);
  }

  public boolean freqCapped() {
    return bit(1);
  }

  public boolean throttling() {
    return bit(2);
  }

  public boolean softTempLimit() {
    return bit(3);
  }

  public boolean underVoltageOccurred() {
    return bit(OCCURRED_SHIFT);
  }

  public boolean freqCappedOccurred() {
    return bit(OCCURRED_SHIFT + 1);
  }

  public boolean throttlingOccurred() {
    return bit(OCCURRED_SHIFT + 2);
  }

  public boolean softTempLimitOccurred() {
    return bit(OCCURRED_SHIFT + 3);
  }

  private boolean bit(int index) {
    return (bits & (1L << index)) != 0;
  }
}
