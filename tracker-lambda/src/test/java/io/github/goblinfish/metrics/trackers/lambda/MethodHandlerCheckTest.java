package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.StandardStreams;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MethodHandlerCheckTest {

  static final class TypedHandler extends TrackedRequestHandler<Duration, String> {
    @Override
    protected String handleTracked(Duration input, Context context) {
      return input.toString();
    }
  }

  static final class MapHandler extends TrackedRequestHandler<Map<String, Object>, String> {
    @Override
    protected String handleTracked(Map<String, Object> input, Context context) {
      return "ok";
    }
  }

  private static String warningFor(Class<?> handler, String handlerSetting) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    MethodHandlerCheck.warnIfEventTypeIsLost(
        handler,
        Map.of("_HANDLER", handlerSetting)::get,
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aMethodHandlerOnATypedEventIsNamedWithTheFix() {
    assertEquals(
        "tracker-lambda: Handler 'com.example.TypedHandler::handleRequest' makes the Java runtime"
            + " take the event type from the inherited handleRequest(I, Context), so events arrive"
            + " as a Map instead of java.time.Duration; set Handler to 'com.example.TypedHandler'"
            + " (the class name alone)"
            + System.lineSeparator(),
        warningFor(TypedHandler.class, "com.example.TypedHandler::handleRequest"));
  }

  @Test
  void theClassNameAloneIsNotWarnedAbout() {
    assertEquals("", warningFor(TypedHandler.class, "com.example.TypedHandler"));
  }

  @Test
  void mapEventsArriveIntactSoAreNotWarnedAbout() {
    assertEquals("", warningFor(MapHandler.class, "com.example.MapHandler::handleRequest"));
  }

  @Test
  void eventTypeIsReadFromTheSubclass() {
    assertEquals(Duration.class, MethodHandlerCheck.eventType(TypedHandler.class));
    assertEquals(null, MethodHandlerCheck.eventType(String.class));
  }

  abstract static class GenericBase<T> extends TrackedRequestHandler<T, String> {}

  static final class ThroughGenericBase extends GenericBase<Duration> {
    @Override
    protected String handleTracked(Duration input, Context context) {
      return "ok";
    }
  }

  @Test
  void anEventTypeLeftGenericInBetweenIsNotGuessed() {
    assertEquals(null, MethodHandlerCheck.eventType(ThroughGenericBase.class));
    assertEquals("", warningFor(ThroughGenericBase.class, "x.ThroughGenericBase::handleRequest"));
  }

  @Test
  void theHandlersConstructorWarnsWhenTheHandlerSettingNamesTheMethod() {
    String err =
        StandardStreams.captureErr(
            () ->
                new TrackedRequestHandler<Duration, String>(
                    HandlerConfig.builder()
                        .environment(Map.of("_HANDLER", "com.example.Typed::handleRequest")::get)
                        .build()) {
                  @Override
                  protected String handleTracked(Duration input, Context context) {
                    return "ok";
                  }
                });
    assertEquals(
        "tracker-lambda: Handler 'com.example.Typed::handleRequest' makes the Java runtime take"
            + " the event type from the inherited handleRequest(I, Context), so events arrive as a"
            + " Map instead of java.time.Duration; set Handler to 'com.example.Typed' (the class"
            + " name alone)"
            + System.lineSeparator(),
        err);
  }
}
