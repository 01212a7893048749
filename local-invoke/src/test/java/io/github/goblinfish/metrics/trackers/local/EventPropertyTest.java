package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Generated event bytes: one rule, whether they come from a file or from stdin. */
class EventPropertyTest {

  @Provide
  Arbitrary<byte[]> events() {
    Arbitrary<byte[]> anyBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
    Arbitrary<byte[]> jsonish =
        Arbitraries.strings()
            .withChars("{}[]\":,0123 \ntrue\u00e9\ud83d\ude00\\")
            .ofMaxLength(30)
            .map(s -> s.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> brokenJson =
        Arbitraries.strings()
            .ofMaxLength(20)
            .map(s -> ("{\"k\":\"" + s + "\"}").getBytes(StandardCharsets.UTF_8))
            .flatMap(
                b ->
                    Arbitraries.integers()
                        .between(0, b.length - 1)
                        .flatMap(
                            i ->
                                Arbitraries.bytes()
                                    .map(
                                        x -> {
                                          byte[] copy = b.clone();
                                          copy[i] = x;
                                          return copy;
                                        })));
    return Arbitraries.oneOf(anyBytes, jsonish, brokenJson);
  }

  @Property(tries = 300)
  void stdinAndAFileAcceptAndRejectTheSameBytesTheSameWay(@ForAll("events") byte[] bytes)
      throws Exception {
    Path file = Files.createTempFile("event-property-", ".json");
    try {
      Files.write(file, bytes);
      String fromFile = outcome(file.toString(), null);
      String fromStdin = outcome("-", bytes);
      assertEquals(
          fromFile.replace("event " + file, "event <source>"),
          fromStdin.replace("event stdin", "event <source>"));
      if (!validUtf8(bytes)) {
        assertTrue(
            fromStdin.startsWith("rejected: event stdin is not valid UTF-8 (at byte "), fromStdin);
      }
      if (fromStdin.startsWith("accepted: ")) {
        assertEquals("accepted: " + new String(bytes, StandardCharsets.UTF_8), fromStdin);
      } else {
        assertEquals(-1, fromStdin.indexOf('\n'), fromStdin);
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static String outcome(String source, byte[] stdin) {
    try {
      return "accepted: "
          + LocalInvoke.readEvent(source, stdin == null ? null : new ByteArrayInputStream(stdin));
    } catch (LocalInvokeException e) {
      return "rejected: " + e.getMessage();
    }
  }

  private static boolean validUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
