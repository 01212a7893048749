package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.goblinfish.metrics.trackers.EmfLineFormat;
import io.github.goblinfish.metrics.trackers.LineFormat;
import io.github.goblinfish.metrics.trackers.StandardStreams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * EMF settings a Lambda handler's line could never fill, or that would cost a custom metric per
 * invocation, fail the handler's construction; an output function under Lambda's JSON log format,
 * which wraps what it prints, is warned of when the handler is constructed.
 */
class EmfSettingsFitWhatALambdaLineCanFillTest {
  private static HandlerConfig.Builder withEnvironment(String... pairs) {
    Map<String, String> variables = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      variables.put(pairs[i], pairs[i + 1]);
    }
    return HandlerConfig.builder().environment(variables::get);
  }

  private static String rejection(HandlerConfig.Builder builder) {
    return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
  }

  @Test
  void aNamespaceStartingWithAColonFailsTheInitNamingTheVariable() {
    assertEquals(
        "TRACKER_NAMESPACE=':orders' is not accepted: namespace ':orders' is not accepted: use 1 to"
            + " 255 characters of A-Z a-z 0-9 . - _ / # : (no spaces), not starting with ':' or"
            + " AWS/",
        rejection(withEnvironment("TRACKER_FORMAT", "emf", "TRACKER_NAMESPACE", ":orders")));
  }

  @Test
  void aColdStartDimensionFailsTheInitForItsValueIsNeverText() {
    assertEquals(
        "TRACKER_DIMENSIONS='function_name;function_name,cold_start' is not accepted:"
            + " 'cold_start' is the cold start identifier, written as true or false, and"
            + " CloudWatch takes only text as a dimension value (the EMF line counts cold starts"
            + " as the metric metric:cold_start)",
        rejection(
            withEnvironment(
                "TRACKER_FORMAT",
                "emf",
                "TRACKER_DIMENSIONS",
                "function_name;function_name,cold_start")));
    assertEquals(
        "the EMF dimensions [[cold_start]] is not accepted: 'cold_start' is the cold start"
            + " identifier, written as true or false, and CloudWatch takes only text as a"
            + " dimension value (the EMF line counts cold starts as the metric metric:cold_start)",
        rejection(
            withEnvironment()
                .format(LineFormat.emf().dimensions(List.of(List.of("cold_start"))).build())));
  }

  @Test
  void aColdStartDimensionIsAcceptedWhenTheColdStartIdentifierIsOmitted() {
    HandlerConfig config =
        withEnvironment("TRACKER_FORMAT", "emf", "TRACKER_DIMENSIONS", "cold_start")
            .omitIdentifier(LambdaIdentifier.COLD_START)
            .build();
    assertEquals(List.of(List.of("cold_start")), ((EmfLineFormat) config.format()).dimensions());
  }

  @Test
  void aDimensionThatDiffersOnEveryInvocationFailsTheInit() {
    for (String key : new String[] {"request_id", "xray_trace_id"}) {
      assertEquals(
          "TRACKER_DIMENSIONS='"
              + key
              + "' is not accepted: '"
              + key
              + "' differs on every invocation, so each line would create custom metrics of its"
              + " own; find single invocations with Logs Insights instead",
          rejection(withEnvironment("TRACKER_FORMAT", "emf", "TRACKER_DIMENSIONS", key)));
    }
    assertEquals(
        "the EMF dimensions [[function_name], [function_name, req]] is not accepted: 'req'"
            + " differs on every invocation, so each line would create custom metrics of its own;"
            + " find single invocations with Logs Insights instead",
        rejection(
            withEnvironment()
                .identifierName(LambdaIdentifier.REQUEST_ID, "req")
                .format(
                    LineFormat.emf()
                        .dimensions(
                            EmfLineFormat.parseDimensions("function_name;function_name,req"))
                        .build())));
  }

  @Test
  void anOutputFunctionUnderTheJsonLogFormatIsWarnedOfOnceAtConstruction() {
    List<String> lines = new ArrayList<>();
    String warned =
        StandardStreams.captureErr(
            () ->
                withEnvironment("TRACKER_FORMAT", "emf", "AWS_LAMBDA_LOG_FORMAT", "JSON")
                    .output(lines::add)
                    .build());
    assertEquals(
        "tracker-lambda: the EMF line goes to an output function and AWS_LAMBDA_LOG_FORMAT=JSON:"
            + " if that function prints the line (System.out, LambdaLogger.log(String)), Lambda"
            + " wraps it as {\"message\": ...} and CloudWatch creates no metric from it; leave the"
            + " output unset so that the line goes to the invocation's LambdaLogger as it is"
            + System.lineSeparator(),
        warned);
  }

  @Test
  void noWarningWithoutAnOutputFunctionOrUnderTheTextLogFormatOrForTheJsonLine() {
    List<String> lines = new ArrayList<>();
    assertEquals(
        "",
        StandardStreams.captureErr(
            () -> {
              withEnvironment("TRACKER_FORMAT", "emf", "AWS_LAMBDA_LOG_FORMAT", "JSON").build();
              withEnvironment("TRACKER_FORMAT", "emf", "AWS_LAMBDA_LOG_FORMAT", "Text")
                  .output(lines::add)
                  .build();
              withEnvironment("AWS_LAMBDA_LOG_FORMAT", "JSON").output(lines::add).build();
            }));
  }
}
