package io.github.goblinfish.examples.docs.javadoc;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.github.goblinfish.metrics.trackers.lambda.HandlerConfig;
import io.github.goblinfish.metrics.trackers.lambda.LambdaIdentifier;
import java.time.Duration;
import java.util.Map;

/**
 * The usage examples of the Javadoc of the package {@code
 * io.github.goblinfish.metrics.trackers.lambda} that are not whole handlers (those are in the
 * subpackages), compiled.
 */
@SuppressWarnings("unused")
final class LambdaExamples {
  private LambdaExamples() {}

  static void handlerConfig() {
    HandlerConfig config = HandlerConfig.builder().output(System.out::println).build();
  }

  static void timeoutMargin() {
    HandlerConfig config = HandlerConfig.builder().timeoutMargin(Duration.ofMillis(500)).build();
  }

  static void environment() {
    HandlerConfig config = HandlerConfig.builder()
        .environment(Map.of("TRACKER_IDENTIFIERS", "request_id")::get)
        .build();
  }

  static void lambdaIdentifier() {
    HandlerConfig config = HandlerConfig.builder()
        .identifierName(LambdaIdentifier.REQUEST_ID, "aws_request_id")
        .omitIdentifier(LambdaIdentifier.FUNCTION_VERSION)
        .build();
  }
}
