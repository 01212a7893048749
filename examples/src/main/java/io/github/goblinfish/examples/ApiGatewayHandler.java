package io.github.goblinfish.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.google.gson.Gson;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.Ticker;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.TrackedProxy;
import io.github.goblinfish.metrics.trackers.lambda.HandlerConfig;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET /orders/{id}} behind API Gateway (REST API, proxy integration): the everyday tracked
 * handler.
 *
 * <p>What it shows:
 *
 * <ul>
 *   <li>an init step: building the repository, once per process ({@code order_repository}, on the
 *       process's first line);
 *   <li>a timer around request validation ({@code validate_request});
 *   <li>a repository call timed by {@code @Tracked} through a {@link TrackedProxy} built once, in a
 *       static field, and shared by every invocation ({@code load_order});
 *   <li>identifiers: {@code service} from the function's {@code SERVICE_NAME} variable, the
 *       caller's {@code X-Correlation-Id} header (any letter case) as {@code correlation_id},
 *       falling back to API Gateway's request id, and the order id as {@code order_id};
 *   <li>metrics: {@code status_code} on every answer, {@code order_lines} and {@code
 *       order_total_cents} for a found order.
 * </ul>
 *
 * <p>A found order's line reads like {@code
 * {"latencies":{"ApiGatewayHandler":1.204,"validate_request":0.031,"load_order":0.012},
 * "metrics":{"order_lines":3,"order_total_cents":13096,"status_code":200},"request_id":"...",
 * "function_name":"...","function_version":"$LATEST","cold_start":true,"service":"orders",
 * "correlation_id":"...","order_id":"ord-1001"}}.
 *
 * <p>Invoke it with one of {@code events/api-gateway-get-order.json} (200), {@code
 * events/api-gateway-unknown-order.json} (404) and {@code events/api-gateway-bad-request.json}
 * (400) after {@code sam build}:
 *
 * <pre>
 * sam local invoke ApiGatewayFunction -e events/api-gateway-get-order.json
 * </pre>
 *
 * <p>or through {@code sam local start-api} and {@code curl -H 'X-Correlation-Id: abc'
 * localhost:3000/orders/ord-1001}.
 */
public final class ApiGatewayHandler
    extends TrackedRequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  /** Built once per process: the proxy has no per-invocation state, the line is chosen per call. */
  private static final OrderRepository ORDERS = connectOrders();

  private static final Gson GSON = new Gson();
  private static final Pattern ORDER_ID = Pattern.compile("ord-[0-9]{1,12}");
  private static final String CORRELATION_HEADER = "X-Correlation-Id";

  /** Set in template.yaml; as an identifier it lets one Logs Insights query tell services apart. */
  private static final String SERVICE = System.getenv().getOrDefault("SERVICE_NAME", "orders");

  private final OrderRepository orders;

  /**
   * Builds the repository at init, the way a function builds its SDK client or connection pool:
   * timed as an init step, so the process's first line says what it cost ({@code
   * init_steps.order_repository}).
   */
  private static OrderRepository connectOrders() {
    try (Timer timer = ProcessTracker.initTimer("order_repository")) {
      return TrackedProxy.of(OrderRepository.class, InMemoryOrderRepository.connect());
    }
  }

  /** The constructor the Lambda runtime calls. */
  public ApiGatewayHandler() {
    this(Ticker.system(), ORDERS);
  }

  /** Lets tests fix the clock and the data while keeping the production configuration. */
  ApiGatewayHandler(Ticker ticker, OrderRepository orders) {
    super(HandlerConfig.builder().ticker(ticker).build());
    this.orders = orders;
  }

  @Override
  protected APIGatewayProxyResponseEvent handleTracked(
      APIGatewayProxyRequestEvent request, Context context) {
    tracker().setIdentifier("service", SERVICE);
    String correlationId = correlationId(request);
    if (correlationId != null) {
      tracker().setIdentifier("correlation_id", correlationId);
    }

    Optional<String> orderId;
    try (Timer timer = tracker().timer("validate_request")) {
      orderId = validOrderId(request);
    }
    if (orderId.isEmpty()) {
      return respond(400, Map.of("message", "order id must look like ord-1234"), correlationId);
    }
    tracker().setIdentifier("order_id", orderId.get());

    Optional<Order> order = orders.findById(orderId.get());
    if (order.isEmpty()) {
      return respond(404, Map.of("message", "no order " + orderId.get()), correlationId);
    }
    tracker().setMetric("order_lines", order.get().lines().size());
    tracker().setMetric("order_total_cents", order.get().totalCents());
    return respond(200, order.get(), correlationId);
  }

  private static Optional<String> validOrderId(APIGatewayProxyRequestEvent request) {
    Map<String, String> pathParameters = request.getPathParameters();
    String id = pathParameters == null ? null : pathParameters.get("id");
    return id != null && ORDER_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
  }

  /**
   * HTTP header names are case-insensitive and API Gateway passes them as the client sent them, so
   * a plain map lookup would miss {@code x-correlation-id}.
   */
  private static String correlationId(APIGatewayProxyRequestEvent request) {
    Optional<String> fromHeaders = headerValue(request.getHeaders());
    if (fromHeaders.isEmpty()) {
      fromHeaders = headerValue(request.getMultiValueHeaders()).map(values -> values.get(0));
    }
    if (fromHeaders.isPresent()) {
      return fromHeaders.get();
    }
    // Without the caller's id, API Gateway's own id still joins this line to its access log.
    return request.getRequestContext() == null ? null : request.getRequestContext().getRequestId();
  }

  private static <V> Optional<V> headerValue(Map<String, V> headers) {
    if (headers == null) {
      return Optional.empty();
    }
    return headers.entrySet().stream()
        .filter(header -> CORRELATION_HEADER.equalsIgnoreCase(header.getKey()))
        .map(Map.Entry::getValue)
        .filter(value -> !(value instanceof List) || !((List<?>) value).isEmpty())
        .findFirst();
  }

  private APIGatewayProxyResponseEvent respond(int statusCode, Object body, String correlationId) {
    tracker().setMetric("status_code", statusCode);
    Map<String, String> headers =
        correlationId == null
            ? Map.of("Content-Type", "application/json")
            : Map.of("Content-Type", "application/json", CORRELATION_HEADER, correlationId);
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(statusCode)
        .withHeaders(headers)
        .withBody(GSON.toJson(body));
  }
}
