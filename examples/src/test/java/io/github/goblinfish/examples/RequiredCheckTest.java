package io.github.goblinfish.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequiredCheckTest {
  @Test
  void inCiAMissingToolFailsTheCheck() {
    AssertionFailedError failure =
        assertThrows(
            AssertionFailedError.class,
            () -> RequiredCheck.unavailable("the check", "tool is not installed", "true"));

    assertEquals(
        "SKIPPED: the check. Reason: tool is not installed. With CI=true a skipped check fails"
            + " the build.",
        failure.getMessage());
  }

  @Test
  void elsewhereAMissingToolSkipsTheCheckSayingWhy() {
    for (String ci : new String[] {null, "", "false"}) {
      TestAbortedException skipped =
          assertThrows(
              TestAbortedException.class,
              () -> RequiredCheck.unavailable("the check", "tool is not installed", ci));

      assertEquals(
          "SKIPPED: the check. Reason: tool is not installed",
          skipped.getMessage(),
          String.valueOf(ci));
    }
  }
}
