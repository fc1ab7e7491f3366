package io.sensepulse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.auth.PasswordHashes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code pulse passwd} with piped input (no console), as in {@code echo secret | pulse passwd}. */
class PasswdCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void printsOnlyAHashOfThePipedLine() {
    String password = "correct horse ßattery";
    assertEquals(0, run(password + "\r\nignored second line\n"));
    String printed = out.toString(StandardCharsets.UTF_8);
    String hash = printed.strip();
    assertEquals(hash + System.lineSeparator(), printed);
    assertTrue(PasswordHashes.verify(password.toCharArray(), hash), hash);
    assertFalse(printed.contains(password) || err.toString(StandardCharsets.UTF_8).contains(password));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("AUTH_PASSWORD_HASH="));
  }

  @Test
  void refusesEmptyMissingAndOverlongPasswords() {
    assertEquals(1, run("\n"));
    assertEquals(1, run(""));
    assertEquals(1, run("x".repeat(73) + "\n"));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    String errors = err.toString(StandardCharsets.UTF_8);
    assertTrue(errors.contains("empty") && errors.contains("no password") && errors.contains("72 bytes"), errors);
  }

  private int run(String stdin) {
    return PasswdCommand.run(null, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
