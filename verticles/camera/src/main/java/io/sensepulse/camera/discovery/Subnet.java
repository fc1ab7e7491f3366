package io.sensepulse.camera.discovery;

import java.util.ArrayList;
import java.util.List;

/**
 * An IPv4 range in CIDR form. Addresses are parsed strictly as four decimal octets, never looked
 * up: a scan must not trigger DNS queries.
 *
 * @param network the first address as an unsigned 32-bit number held in an int, host bits zero
 * @param prefixLength 0-32
 */
public record Subnet(int network, int prefixLength) {

  public Subnet {
    if (prefixLength < 0 || prefixLength > 32) {
      throw new IllegalArgumentException("prefix length must be 0-32, not " + prefixLength);
    }
    if ((network & mask(prefixLength)) != network) {
      throw new IllegalArgumentException(format(network) + " has host bits set for /" + prefixLength);
    }
  }

  /** {@code 192.168.1.0/24}; host bits are cleared ({@code 192.168.1.17/24} is the same range); no prefix means /32. */
  public static Subnet parse(String cidr) {
    if (cidr == null) {
      throw new IllegalArgumentException("a subnet must be written a.b.c.d/n");
    }
    int slash = cidr.indexOf('/');
    int address = parseAddress(slash < 0 ? cidr : cidr.substring(0, slash));
    int prefix = 32;
    if (slash >= 0) {
      String digits = cidr.substring(slash + 1);
      if (!digits.matches("\\d{1,2}") || Integer.parseInt(digits) > 32) {
        throw new IllegalArgumentException("'" + cidr + "' is not a.b.c.d/n with n from 0 to 32");
      }
      prefix = Integer.parseInt(digits);
    }
    return around(address, prefix);
  }

  /** The /{@code prefixLength} range holding {@code address}. */
  public static Subnet around(int address, int prefixLength) {
    if (prefixLength < 0 || prefixLength > 32) {
      throw new IllegalArgumentException("prefix length must be 0-32, not " + prefixLength);
    }
    return new Subnet(address & mask(prefixLength), prefixLength);
  }

  /** Four decimal octets 0-255, nothing else (no DNS names, no octal, no shortened forms). */
  public static int parseAddress(String text) {
    String[] octets = text == null ? new String[0] : text.split("\\.", -1);
    if (octets.length != 4) {
      throw new IllegalArgumentException("'" + text + "' is not an IPv4 address a.b.c.d");
    }
    int address = 0;
    for (String octet : octets) {
      if (!octet.matches("0|[1-9]\\d{0,2}") || Integer.parseInt(octet) > 255) {
        throw new IllegalArgumentException("'" + text + "' is not an IPv4 address a.b.c.d");
      }
      address = (address << 8) | Integer.parseInt(octet);
    }
    return address;
  }

  public static String format(int address) {
    return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
  }

  /** How many hosts {@link #hosts} lists. */
  public long hostCount() {
    long size = 1L << (32 - prefixLength);
    return prefixLength >= 31 ? size : size - 2;
  }

  /**
   * The addresses a host may have: all but the network and broadcast addresses, except that a /31
   * (a point-to-point link, RFC 3021) and a /32 have no such addresses. Only for ranges of at most
   * 65536 addresses; a scan never wants more.
   */
  public List<String> hosts() {
    if (prefixLength < 16) {
      throw new IllegalStateException(this + " is too wide to list");
    }
    long first = Integer.toUnsignedLong(network);
    long size = 1L << (32 - prefixLength);
    long from = prefixLength >= 31 ? first : first + 1;
    long to = prefixLength >= 31 ? first + size - 1 : first + size - 2;
    List<String> hosts = new ArrayList<>((int) hostCount());
    for (long address = from; address <= to; address++) {
      hosts.add(format((int) address));
    }
    return hosts;
  }

  public boolean contains(int address) {
    return (address & mask(prefixLength)) == network;
  }

  @Override
  public String toString() {
    return format(network) + "/" + prefixLength;
  }

  private static int mask(int prefixLength) {
    return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
  }
}
