package io.github.goblinfish.metrics.trackers.test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.goblinfish.metrics.trackers.Ticker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TestContextTest {

  @Test
  void defaultsAreLambdasOwnAndEachContextHasAFreshRequestId() {
    TestContext context = TestContext.create();

    assertEquals(context.getAwsRequestId(), UUID.fromString(context.getAwsRequestId()).toString());
    assertNotEquals(context.getAwsRequestId(), TestContext.create().getAwsRequestId());
    assertEquals("test-function", context.getFunctionName());
    assertEquals("$LATEST", context.getFunctionVersion());
    assertEquals(
        "arn:aws:lambda:us-east-1:123456789012:function:test-function",
        context.getInvokedFunctionArn());
    assertEquals("/aws/lambda/test-function", context.getLogGroupName());
    assertEquals(
        "2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef", context.getLogStreamName());
    assertEquals(128, context.getMemoryLimitInMB());
    assertEquals(Duration.ofSeconds(3), context.timeout());
    assertNull(context.getTenantId());
    assertNull(context.getXrayTraceId());
    assertNull(context.getIdentity());
    assertNull(context.getClientContext());
  }

  @Test
  void everyBuilderValueComesBack() {
    TestContext context =
        TestContext.builder()
            .requestId("req-1")
            .functionName("orders")
            .functionVersion("7")
            .invokedFunctionArn("arn:aws:lambda:eu-west-1:210987654321:function:orders:live")
            .logGroupName("/custom/orders")
            .logStreamName("stream-1")
            .memoryLimitInMB(1769)
            .timeout(Duration.ofSeconds(30))
            .tenantId("tenant-42")
            .xrayTraceId("Root=1-6745a3c2-0e1d2c3b4a5968778695a4b3;Sampled=1")
            .build();

    assertEquals("req-1", context.getAwsRequestId());
    assertEquals("orders", context.getFunctionName());
    assertEquals("7", context.getFunctionVersion());
    assertEquals(
        "arn:aws:lambda:eu-west-1:210987654321:function:orders:live",
        context.getInvokedFunctionArn());
    assertEquals("/custom/orders", context.getLogGroupName());
    assertEquals("stream-1", context.getLogStreamName());
    assertEquals(1769, context.getMemoryLimitInMB());
    assertEquals(Duration.ofSeconds(30), context.timeout());
    assertEquals("tenant-42", context.getTenantId());
    assertEquals("Root=1-6745a3c2-0e1d2c3b4a5968778695a4b3;Sampled=1", context.getXrayTraceId());
    assertEquals("TestContext[orders:7, request req-1]", context.toString());
  }

  @Test
  void theFunctionNameAndVersionCarryIntoTheDefaultArnLogGroupAndStream() {
    TestContext context = TestContext.builder().functionName("orders").functionVersion("3").build();

    assertEquals(
        "arn:aws:lambda:us-east-1:123456789012:function:orders", context.getInvokedFunctionArn());
    assertEquals("/aws/lambda/orders", context.getLogGroupName());
    assertEquals("2026/01/01/[3]0123456789abcdef0123456789abcdef", context.getLogStreamName());
  }

  @Test
  void remainingTimeCountsDownFromConstructionAndStopsAtZero() {
    AtomicLong nanos = new AtomicLong(5_000_000_000L);
    Ticker ticker = nanos::get;
    TestContext context =
        TestContext.builder().timeout(Duration.ofMillis(1_000)).ticker(ticker).build();

    assertEquals(1_000, context.getRemainingTimeInMillis());
    nanos.addAndGet(250_400_000L);
    assertEquals(749, context.getRemainingTimeInMillis());
    nanos.addAndGet(749_600_000L);
    assertEquals(0, context.getRemainingTimeInMillis());
    nanos.addAndGet(1_000_000_000L);
    assertEquals(0, context.getRemainingTimeInMillis());
  }

  @Test
  void remainingTimeOnTheSystemTickerIsWithinTheTimeout() {
    TestContext context = TestContext.builder().timeout(Duration.ofMinutes(15)).build();
    int remaining = context.getRemainingTimeInMillis();
    assertTrue(remaining > 0 && remaining <= 900_000, "remaining " + remaining);
  }

  @Test
  void eachLogCallIsOneEventByteForByteWithItsMethodAndLevel() {
    TestContext context = TestContext.create();
    LambdaLogger logger = context.getLogger();

    logger.log("two\nlines");
    logger.log("bytes ü\n".getBytes(StandardCharsets.UTF_8));
    logger.log("warned", LogLevel.WARN);
    logger.log("ends twice\n\n".getBytes(StandardCharsets.UTF_8), LogLevel.ERROR);
    logger.log((String) null);

    List<LoggedEvent> logged = context.logged();
    assertEquals(
        List.of(
            "text UNDEFINED: two\nlines",
            "bytes UNDEFINED: bytes ü\n",
            "text WARN: warned",
            "bytes ERROR: ends twice\n\n",
            "text UNDEFINED: null"),
        logged.stream().map(Object::toString).collect(Collectors.toList()));
    assertArrayEquals("bytes ü\n".getBytes(StandardCharsets.UTF_8), logged.get(1).bytes());
    assertTrue(logged.get(1).viaBytes());
    assertFalse(logged.get(0).viaBytes());
    assertEquals(LogLevel.ERROR, logged.get(3).level());
    assertEquals(
        List.of("two\nlines", "bytes ü", "warned", "ends twice\n", "null"), context.lines());
  }

  @Test
  void theLoggerKeepsACopyOfTheBytesAndHandsOutCopies() {
    TestContext context = TestContext.create();
    byte[] message = "abc".getBytes(StandardCharsets.UTF_8);
    context.getLogger().log(message);
    message[0] = 'X';
    context.logged().get(0).bytes()[1] = 'Y';

    assertEquals("abc", context.logged().get(0).text());
  }

  @Test
  void aNullByteMessageIsRejected() {
    TestContext context = TestContext.create();
    NullPointerException thrown =
        assertThrows(NullPointerException.class, () -> context.getLogger().log((byte[]) null));
    assertEquals("message", thrown.getMessage());
    assertEquals(List.of(), context.logged());
  }

  @Test
  void aDiscardingLoggerKeepsNothing() {
    TestContext context = TestContext.builder().discardLogs().build();
    context.getLogger().log("a");
    context.getLogger().log("b".getBytes(StandardCharsets.UTF_8));

    assertEquals(List.of(), context.logged());
    assertEquals(List.of(), context.lines());
  }

  @Test
  void aForwardingLoggerHandsEachCallsBytesOnAndKeepsNothing() {
    List<byte[]> forwarded = new java.util.ArrayList<>();
    TestContext context = TestContext.builder().logTo(forwarded::add).build();
    byte[] line = "{\"latencies\":{}}\n".getBytes(StandardCharsets.UTF_8);
    context.getLogger().log(line);
    context.getLogger().log("caf\u00e9");

    assertEquals(2, forwarded.size());
    org.junit.jupiter.api.Assertions.assertSame(line, forwarded.get(0), "not copied");
    assertEquals("caf\u00e9", new String(forwarded.get(1), StandardCharsets.UTF_8));
    assertEquals(List.of(), context.logged());
  }

  @Test
  void concurrentLogCallsAreEachKept() throws InterruptedException {
    TestContext context = TestContext.create();
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 1_000; i++) {
                  context.getLogger().log("x\n".getBytes(StandardCharsets.UTF_8));
                }
              });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(4_000, context.lines().size());
  }

  @Test
  void badSettingsAreRejectedAtTheCallSite() {
    TestContext.Builder builder = TestContext.builder();

    assertEquals(
        "memoryLimitInMB must be positive, was 0",
        assertThrows(IllegalArgumentException.class, () -> builder.memoryLimitInMB(0))
            .getMessage());
    assertEquals(
        "timeout must be positive and at most 2147483647 ms, was PT0S",
        assertThrows(IllegalArgumentException.class, () -> builder.timeout(Duration.ZERO))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> builder.timeout(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> builder.timeout(Duration.ofDays(25)));
    assertEquals(
        "requestId",
        assertThrows(NullPointerException.class, () -> builder.requestId(null)).getMessage());
    assertThrows(NullPointerException.class, () -> builder.functionName(null));
    assertThrows(NullPointerException.class, () -> builder.ticker(null));
    assertThrows(NullPointerException.class, () -> builder.timeout(null));
  }
}
