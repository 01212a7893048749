package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code Handler: pkg.Class::handleRequest} makes the runtime pass a Map; the handler turns it into
 * its event type with the runtime's own serializers, so both Handler forms see the same event. The
 * end-to-end proof on the real runtime client is in local-invoke's tests.
 */
class MethodHandlersGetTheirTypedEventTest {
  private static final String API_EVENT =
      "{\"resource\":\"/orders/{id}\",\"path\":\"/orders/ord-1\",\"httpMethod\":\"GET\","
          + "\"headers\":{\"X-Correlation-Id\":\"c-1\"},\"pathParameters\":{\"id\":\"ord-1\"},"
          + "\"requestContext\":{\"requestId\":\"r-1\",\"identity\":{\"sourceIp\":\"1.2.3.4\"}},"
          + "\"isBase64Encoded\":false}";
  private static final String SQS_EVENT =
      "{\"Records\":[{\"messageId\":\"m-1\",\"body\":\"hello\",\"eventSource\":\"aws:sqs\","
          + "\"attributes\":{\"ApproximateReceiveCount\":\"1\"}}]}";

  static final class ApiHandler extends TrackedRequestHandler<APIGatewayProxyRequestEvent, String> {
    final List<APIGatewayProxyRequestEvent> seen = new ArrayList<>();

    ApiHandler(Map<String, String> environment) {
      super(
          HandlerConfig.builder()
              .environment(environment::get)
              .output(line -> {})
              .omitAllIdentifiers()
              .build());
    }

    @Override
    protected String handleTracked(APIGatewayProxyRequestEvent request, Context context) {
      seen.add(request);
      return request.getPathParameters().get("id");
    }
  }

  static final class SqsHandler extends TrackedRequestHandler<SQSEvent, String> {
    SqsHandler(Map<String, String> environment) {
      super(HandlerConfig.builder().environment(environment::get).output(line -> {}).build());
    }

    @Override
    protected String handleTracked(SQSEvent event, Context context) {
      return event.getRecords().get(0).getMessageId() + ":" + event.getRecords().get(0).getBody();
    }
  }

  /** A type of the user's own, read by the runtime's Jackson serializer in the class-name form. */
  public static final class Order {
    private String id;
    private int lines;

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public int getLines() {
      return lines;
    }

    public void setLines(int lines) {
      this.lines = lines;
    }
  }

  static final class PojoHandler extends TrackedRequestHandler<Order, String> {
    PojoHandler(Map<String, String> environment) {
      super(HandlerConfig.builder().environment(environment::get).output(line -> {}).build());
    }

    @Override
    protected String handleTracked(Order order, Context context) {
      return order.getId() + "x" + order.getLines();
    }
  }

  static final class MapHandler extends TrackedRequestHandler<Map<String, Object>, String> {
    MapHandler(Map<String, String> environment) {
      super(HandlerConfig.builder().environment(environment::get).output(line -> {}).build());
    }

    @Override
    protected String handleTracked(Map<String, Object> event, Context context) {
      return String.valueOf(event.get("id"));
    }
  }

  /** What the runtime passes for the method form: its Jackson reading of the JSON as Object. */
  @SuppressWarnings("unchecked")
  private static <T> T untyped(String json) {
    return (T)
        JacksonFactory.getInstance()
            .getSerializer((java.lang.reflect.Type) Object.class)
            .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anApiGatewayEventArrivingAsAMapReachesTheHandlerAsTheEventTheClassFormGives() {
    ApiHandler handler =
        new ApiHandler(Map.of("_HANDLER", ApiHandler.class.getName() + "::handleRequest"));
    Object map = untyped(API_EVENT);
    assertTrue(map instanceof Map, "the runtime's method form hands over a Map");
    @SuppressWarnings("unchecked")
    String id =
        ((TrackedRequestHandler<Object, String>) (TrackedRequestHandler<?, ?>) handler)
            .handleRequest(map, null);
    assertEquals("ord-1", id);

    APIGatewayProxyRequestEvent classForm =
        LambdaEventSerializers.serializerFor(
                APIGatewayProxyRequestEvent.class, getClass().getClassLoader())
            .fromJson(API_EVENT);
    assertEquals(classForm, handler.seen.get(0), "equal to what the class-name form deserializes");
    assertEquals("1.2.3.4", handler.seen.get(0).getRequestContext().getIdentity().getSourceIp());
  }

  @Test
  void anSqsEventWithItsCapitalisedRecordsIsReadByTheRuntimesEventSerializer() {
    SqsHandler handler =
        new SqsHandler(Map.of("_HANDLER", SqsHandler.class.getName() + "::handleRequest"));
    @SuppressWarnings("unchecked")
    TrackedRequestHandler<Object, String> untypedHandler =
        (TrackedRequestHandler<Object, String>) (TrackedRequestHandler<?, ?>) handler;
    assertEquals("m-1:hello", untypedHandler.handleRequest(untyped(SQS_EVENT), null));
  }

  @Test
  void aTypeOfTheUsersOwnIsReadByTheRuntimesJacksonSerializer() {
    PojoHandler handler =
        new PojoHandler(Map.of("_HANDLER", PojoHandler.class.getName() + "::handleRequest"));
    @SuppressWarnings("unchecked")
    TrackedRequestHandler<Object, String> untypedHandler =
        (TrackedRequestHandler<Object, String>) (TrackedRequestHandler<?, ?>) handler;
    assertEquals(
        "o-7x3", untypedHandler.handleRequest(untyped("{\"id\":\"o-7\",\"lines\":3}"), null));
  }

  @Test
  void anEventThatAlreadyHasItsTypeIsPassedAsItIs() {
    ApiHandler handler =
        new ApiHandler(Map.of("_HANDLER", ApiHandler.class.getName() + "::handleRequest"));
    APIGatewayProxyRequestEvent event =
        new APIGatewayProxyRequestEvent().withPathParameters(Map.of("id", "ord-2"));
    assertEquals("ord-2", handler.handleRequest(event, null));
    assertSame(event, handler.seen.get(0));
  }

  @Test
  void noRecoveryIsSetUpWhenTheRuntimeAlreadyPassesTheEventType() {
    assertNull(MethodHandlerEvents.forHandler(ApiHandler.class, Map.<String, String>of()::get));
    assertNull(
        MethodHandlerEvents.forHandler(
            ApiHandler.class, Map.of("_HANDLER", ApiHandler.class.getName())::get));
    assertNull(
        MethodHandlerEvents.forHandler(
            ApiHandler.class, Map.of("_HANDLER", "com.example.Delegating::handleRequest")::get),
        "a Handler naming another class, which calls this one, needs nothing recovered");
    assertNull(
        MethodHandlerEvents.forHandler(
            MapHandler.class,
            Map.of("_HANDLER", MapHandler.class.getName() + "::handleRequest")::get),
        "a Map event arrives intact");
    assertEquals(
        "ord-3",
        new MapHandler(Map.of("_HANDLER", MapHandler.class.getName() + "::handleRequest"))
            .handleRequest(Map.of("id", "ord-3"), null));
  }

  @Test
  void anEventThatCannotBeReadFailsTheInvocationNamingTheEventType() {
    PojoHandler handler =
        new PojoHandler(Map.of("_HANDLER", PojoHandler.class.getName() + "::handleRequest"));
    @SuppressWarnings("unchecked")
    TrackedRequestHandler<Object, String> untypedHandler =
        (TrackedRequestHandler<Object, String>) (TrackedRequestHandler<?, ?>) handler;
    IllegalArgumentException failure =
        assertThrows(
            IllegalArgumentException.class,
            () -> untypedHandler.handleRequest(untyped("{\"lines\":\"many\"}"), null));
    assertTrue(
        failure.getMessage().startsWith("the event could not be read as " + Order.class.getName()),
        failure.getMessage());
  }

  @Test
  void theEventTypeIsFoundThroughIntermediateClassesAndStaysNullWhenGeneric() {
    assertEquals(
        APIGatewayProxyRequestEvent.class, MethodHandlerEvents.eventType(ApiHandler.class));
    assertNull(MethodHandlerEvents.eventType(String.class));
    assertTrue(MethodHandlerEvents.arrivesIntact(String.class));
    assertTrue(MethodHandlerEvents.arrivesIntact(Object.class));
    assertTrue(!MethodHandlerEvents.arrivesIntact(Duration.class));
  }

  @Test
  void withoutTheRuntimesSerializersTheHandlerFailsAtInitNamingTheFix() {
    ClassLoader bootstrapOnly = new ClassLoader(null) {};
    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class,
            () ->
                MethodHandlerEvents.forHandler(
                    ApiHandler.class,
                    Map.of("_HANDLER", ApiHandler.class.getName() + "::handleRequest")::get,
                    bootstrapOnly));
    assertTrue(
        failure
            .getMessage()
            .startsWith(
                "Handler '"
                    + ApiHandler.class.getName()
                    + "::handleRequest' makes the Java runtime hand "
                    + ApiHandler.class.getName()
                    + " its event as a Map instead of "
                    + APIGatewayProxyRequestEvent.class.getName()
                    + ", and the runtime's serializers to recover it were not found ("),
        failure.getMessage());
    assertTrue(
        failure
            .getMessage()
            .endsWith(
                "); set Handler to '" + ApiHandler.class.getName() + "' (the class name alone)"),
        failure.getMessage());
  }
}
