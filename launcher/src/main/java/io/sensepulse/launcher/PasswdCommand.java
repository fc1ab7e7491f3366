package io.sensepulse.launcher;

import io.sensepulse.common.PulseConfig;
import io.sensepulse.common.auth.PasswordHashes;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code pulse passwd}: prints the bcrypt hash of a password typed twice without echo, or of one
 * line piped in ({@code echo secret | pulse passwd}). The password is never printed; its characters
 * are zeroed once hashed.
 */
final class PasswdCommand {
  /** bcrypt reads at most 72 bytes; a longer line is not a password someone typed. */
  private static final int MAX_LINE = 1024;

  private PasswdCommand() {}

  /** From the command line: the JVM's console when there is one, standard input otherwise. */
  static int main(List<String> args) {
    if (!args.isEmpty()) {
      System.err.println("pulse passwd: takes no arguments (it asks for the password)");
      return 2;
    }
    Console console = System.console();
    if (console == null && stdinIsTerminal()) {
      // Java 17 offers no console when stdout is redirected: reading the terminal would echo the password.
      System.err.println("pulse passwd: standard output is redirected, so the password would be shown as you "
          + "type; run it without redirecting its output, or pipe the password in");
      return 2;
    }
    return run(console, System.in, System.out, System.err);
  }

  static int run(Console console, InputStream in, PrintStream out, PrintStream err) {
    char[] password = null;
    try {
      password = console != null ? fromConsole(console) : fromLine(in);
      if (password.length == 0) {
        err.println("pulse passwd: the password is empty");
        return 1;
      }
      out.println(PasswordHashes.hash(password));
      err.println("Set it (single quotes: the hash contains $) as " + PulseConfig.AUTH_PASSWORD_HASH
          + "='<hash>' for the operator, or " + PulseConfig.AUTH_VIEWER_PASSWORD_HASH + " for the viewer.");
      return 0;
    } catch (IllegalArgumentException | IOException e) {
      err.println("pulse passwd: " + e.getMessage());
      return 1;
    } finally {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
    }
  }

  private static char[] fromConsole(Console console) throws IOException {
    char[] first = console.readPassword("Password: ");
    char[] second = null;
    try {
      if (first == null) {
        throw new IOException("no password given");
      }
      second = console.readPassword("Password again: ");
      if (second == null || !Arrays.equals(first, second)) {
        throw new IOException("the passwords do not match");
      }
      return first.clone();
    } finally {
      if (first != null) {
        Arrays.fill(first, '\0');
      }
      if (second != null) {
        Arrays.fill(second, '\0');
      }
    }
  }

  /** One line, read into a char array (no String to linger in memory); the line end is dropped. */
  private static char[] fromLine(InputStream in) throws IOException {
    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
    char[] buffer = new char[MAX_LINE];
    int length = 0;
    int c = reader.read();
    if (c < 0) {
      throw new IOException("no password on standard input");
    }
    try {
      while (c >= 0 && c != '\n') {
        if (length == MAX_LINE) {
          throw new IOException("the password line is longer than " + MAX_LINE + " characters");
        }
        buffer[length++] = (char) c;
        c = reader.read();
      }
      if (length > 0 && buffer[length - 1] == '\r') {
        length--;
      }
      return Arrays.copyOf(buffer, length);
    } finally {
      Arrays.fill(buffer, '\0');
    }
  }

  /** Linux names the terminal behind fd 0 /dev/pts/N or /dev/ttyN; a pipe or file is not one. */
  private static boolean stdinIsTerminal() {
    try {
      String target = Path.of("/proc/self/fd/0").toRealPath().toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
