package io.github.goblinfish.metrics.trackers.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Lambda Runtime API on 127.0.0.1 (an ephemeral port): {@code invocation/next}, {@code
 * invocation/{id}/response}, {@code invocation/{id}/error}, {@code init/error}, and SnapStart's
 * {@code restore/next} and {@code restore/error}, answered by a {@link Backend}.
 *
 * <p>Thread-safe: each request runs on its own thread and the backend does the coordination.
 */
final class RuntimeApiServer implements AutoCloseable {
  /** Lambda's limit on a synchronous response, as its error message states it. */
  static final int MAX_RESPONSE_BYTES = 6_291_556;

  private static final String PREFIX = "/2018-06-01/runtime/";

  static {
    // The JDK server writes headers and body in separate segments; with Nagle's algorithm and the
    // runtime's delayed ACKs every event would arrive ~40 ms late and inflate warm durations.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /** What the runtime's requests do. */
  interface Backend {
    /**
     * Blocks until there is an event for the runtime, or it is being shut down.
     *
     * @return the invocation to hand out, or {@code null} to answer that the runtime is stopping
     */
    InvocationState next() throws InterruptedException;

    /**
     * The runtime's outcome for one invocation.
     *
     * @param body the posted body, or {@code null} when it was larger than the limit
     * @return false when no such invocation is waiting for an outcome
     */
    boolean outcome(String requestId, boolean error, byte[] body, String errorType);

    /** SnapStart: the runtime asked for its restore, which is answered at once. */
    void restoring();

    void initError(byte[] body, String errorType);
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final Backend backend;
  private final String functionArn;

  RuntimeApiServer(Backend backend, String functionName) throws IOException {
    this.backend = backend;
    this.functionArn =
        "arn:aws:lambda:" + Template.REGION + ":" + Template.ACCOUNT + ":function:" + functionName;
    this.threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "local-invoke-runtime-api");
              t.setDaemon(true);
              return t;
            });
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (!path.startsWith(PREFIX)) {
        send(exchange, 404, Engine.errorJson("not found", "NotFound"));
        return;
      }
      String rest = path.substring(PREFIX.length());
      if (method.equals("GET") && rest.equals("invocation/next")) {
        next(exchange);
      } else if (method.equals("GET") && rest.equals("restore/next")) {
        // SnapStart (--init-type snap-start): the runtime client has run its before-checkpoint
        // hooks; the snapshot is "restored" at once, and it runs its after-restore hooks.
        backend.restoring();
        send(exchange, 200, "");
      } else if (method.equals("POST") && rest.equals("restore/error")) {
        byte[] body = readUpTo(exchange.getRequestBody(), MAX_RESPONSE_BYTES);
        backend.initError(
            body == null ? new byte[0] : body,
            exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"));
        send(exchange, 202, "{\"status\":\"OK\"}");
      } else if (method.equals("POST") && rest.equals("init/error")) {
        byte[] body = readUpTo(exchange.getRequestBody(), MAX_RESPONSE_BYTES);
        backend.initError(
            body == null ? new byte[0] : body,
            exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"));
        send(exchange, 202, "{\"status\":\"OK\"}");
      } else if (method.equals("POST")
          && rest.startsWith("invocation/")
          && (rest.endsWith("/response") || rest.endsWith("/error"))) {
        String id = rest.substring("invocation/".length(), rest.lastIndexOf('/'));
        boolean error = rest.endsWith("/error");
        byte[] body = readUpTo(exchange.getRequestBody(), MAX_RESPONSE_BYTES);
        String errorType =
            exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        if (backend.outcome(id, error, body, errorType)) {
          send(exchange, 202, "{\"status\":\"OK\"}");
        } else {
          send(exchange, 400, Engine.errorJson("Invalid request ID", "InvalidRequestID"));
        }
      } else {
        send(exchange, 404, Engine.errorJson("not found", "NotFound"));
      }
    }
  }

  private void next(HttpExchange exchange) throws IOException {
    InvocationState inv;
    try {
      inv = backend.next();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      inv = null;
    }
    if (inv == null) {
      // The runner is shutting this runtime down; it never gets an answer on Lambda either.
      send(exchange, 503, Engine.errorJson("shutting down", "Runtime.Shutdown"));
      return;
    }
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", inv.requestId);
    exchange
        .getResponseHeaders()
        .add("Lambda-Runtime-Deadline-Ms", Long.toString(inv.deadlineEpochMs));
    exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", functionArn);
    exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", inv.traceHeader);
    byte[] body = inv.event;
    exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** The whole body, or {@code null} (the rest read and dropped) when it is over {@code limit}. */
  static byte[] readUpTo(InputStream in, int limit) throws IOException {
    byte[] body = in.readNBytes(limit + 1);
    if (body.length <= limit) {
      return body;
    }
    in.transferTo(OutputStream.nullOutputStream());
    return null;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
