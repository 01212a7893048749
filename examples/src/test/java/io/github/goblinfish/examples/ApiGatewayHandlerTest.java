package io.github.goblinfish.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.goblinfish.metrics.trackers.TrackedProxy;
import io.github.goblinfish.metrics.trackers.test.CapturedLines;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import io.github.goblinfish.metrics.trackers.test.TrackerLine;
import io.github.goblinfish.metrics.trackers.test.TrackerLinesExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

@ExtendWith(TrackerLinesExtension.class)
class ApiGatewayHandlerTest {
  private final FakeTicker ticker = new FakeTicker();
  private final TestContext context = TrackerLines.context("ApiGatewayFunction");

  /** The sample orders, behind a repository that takes 7 ms of the fake clock per lookup. */
  private final OrderRepository orders =
      TrackedProxy.of(
          OrderRepository.class,
          orderId -> {
            ticker.advance(Duration.ofMillis(7));
            return InMemoryOrderRepository.withSampleOrders().findById(orderId);
          });

  private final ApiGatewayHandler handler = new ApiGatewayHandler(ticker, orders);

  @Test
  void foundOrderIsReturnedAndItsLineHasEveryStepMetricAndIdentifier() {
    APIGatewayProxyResponseEvent response =
        handler.handleRequest(
            Repository.event("api-gateway-get-order.json", APIGatewayProxyRequestEvent.class),
            context);

    assertEquals(200, response.getStatusCode());
    assertEquals("application/json", response.getHeaders().get("Content-Type"));
    assertEquals(
        "7f9c2d1e-5b3a-4c8d-9e0f-1a2b3c4d5e6f", response.getHeaders().get("X-Correlation-Id"));
    JsonObject body = JsonParser.parseString(response.getBody()).getAsJsonObject();
    assertEquals("ord-1001", body.get("id").getAsString());
    assertEquals("SHIPPED", body.get("status").getAsString());
    assertEquals(3, body.getAsJsonArray("lines").size());
    assertEquals(
        "SKU-USB-C-CABLE",
        body.getAsJsonArray("lines").get(1).getAsJsonObject().get("sku").getAsString());

    TrackerLines.assertLine(
        context,
        "{\"latencies\":{\"ApiGatewayHandler\":7.000,\"validate_request\":0.000,"
            + "\"load_order\":7.000},"
            + "\"untracked\":0.000,\"metrics\":{\"order_lines\":3,\"order_total_cents\":13096,\"status_code\":200},"
            + TrackerLines.AUTOMATIC_IDENTIFIERS
            + ",\"service\":\"orders\""
            + ",\"correlation_id\":\"7f9c2d1e-5b3a-4c8d-9e0f-1a2b3c4d5e6f\""
            + ",\"order_id\":\"ord-1001\"}");
  }

  @Test
  void unknownOrderIs404AndFallsBackToApiGatewaysRequestIdForCorrelation() {
    APIGatewayProxyResponseEvent response =
        handler.handleRequest(
            Repository.event("api-gateway-unknown-order.json", APIGatewayProxyRequestEvent.class),
            context);

    assertEquals(404, response.getStatusCode());
    assertEquals(
        "no order ord-4040",
        JsonParser.parseString(response.getBody()).getAsJsonObject().get("message").getAsString());
    TrackerLines.assertLine(
        context,
        "{\"latencies\":{\"ApiGatewayHandler\":7.000,\"validate_request\":0.000,"
            + "\"load_order\":7.000},"
            + "\"untracked\":0.000,\"metrics\":{\"status_code\":404},"
            + TrackerLines.AUTOMATIC_IDENTIFIERS
            + ",\"service\":\"orders\""
            + ",\"correlation_id\":\"1b2c3d4e-8f90-41a2-b3c4-d5e6f7a8b9c0\""
            + ",\"order_id\":\"ord-4040\"}");
  }

  @Test
  void invalidOrderIdIs400WithoutALookup() {
    APIGatewayProxyResponseEvent response =
        handler.handleRequest(
            Repository.event("api-gateway-bad-request.json", APIGatewayProxyRequestEvent.class),
            context);

    assertEquals(400, response.getStatusCode());
    // The header arrives as "X-Correlation-Id" here and as "x-correlation-id" in the 200 case.
    TrackerLines.assertLine(
        context,
        "{\"latencies\":{\"ApiGatewayHandler\":0.000,\"validate_request\":0.000},"
            + "\"untracked\":0.000,\"metrics\":{\"status_code\":400},"
            + TrackerLines.AUTOMATIC_IDENTIFIERS
            + ",\"service\":\"orders\""
            + ",\"correlation_id\":\"0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6\"}");
  }

  @Test
  void responseSerializesToWhatApiGatewayExpects() {
    APIGatewayProxyResponseEvent response =
        handler.handleRequest(
            Repository.event("api-gateway-get-order.json", APIGatewayProxyRequestEvent.class),
            context);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LambdaEventSerializers.serializerFor(
            APIGatewayProxyResponseEvent.class, getClass().getClassLoader())
        .toJson(response, out);
    JsonObject json =
        JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();

    assertEquals(200, json.get("statusCode").getAsInt());
    assertTrue(json.get("body").getAsJsonPrimitive().isString(), "the body is a JSON string");
    assertEquals(
        "application/json", json.getAsJsonObject("headers").get("Content-Type").getAsString());
  }

  @ParameterizedTest
  @Events(
      events = {
        @Event("../events/api-gateway-get-order.json"),
        @Event("../events/api-gateway-unknown-order.json"),
        @Event("../events/api-gateway-bad-request.json")
      },
      type = APIGatewayProxyRequestEvent.class)
  void everyEventsStatusAndCorrelationIdAreInItsLine(
      APIGatewayProxyRequestEvent event, CapturedLines lines) {
    APIGatewayProxyResponseEvent response = handler.handleRequest(event, context);

    TrackerLine line = lines.only();
    assertEquals(response.getStatusCode().doubleValue(), line.metric("status_code"));
    assertEquals(response.getHeaders().get("X-Correlation-Id"), line.identifier("correlation_id"));
    assertEquals("orders", line.identifier("service"));
    assertEquals(true, line.identifier("cold_start"));
    assertEquals(List.of(), line.warnings());
  }

  @Test
  void productionConstructorUsesTheSharedTrackedRepository(CapturedLines lines) {
    TestContext production = TrackerLines.context("ApiGatewayFunction");
    APIGatewayProxyResponseEvent response =
        new ApiGatewayHandler()
            .handleRequest(
                EventLoader.loadApiGatewayRestEvent("../events/api-gateway-get-order.json"),
                production);

    assertEquals(200, response.getStatusCode());
    TrackerLine line = lines.only();
    assertEquals(production.lines(), List.of(line.text()));
    assertEquals(
        List.of("ApiGatewayHandler", "validate_request", "load_order"), line.latencyNames());
    line.latencyNames().forEach(name -> assertTrue(line.latencyMillis(name) >= 0, line.text()));
    assertEquals(3, line.metric("order_lines"));
    assertEquals("ord-1001", line.identifier("order_id"));
  }
}
