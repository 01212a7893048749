package io.github.goblinfish.metrics.trackers.local;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * One run: serves the Runtime API, starts the runtime client in child JVMs (a new one after a
 * timeout or crash, as Lambda replaces the execution environment) and collects each invocation's
 * outcome and log events.
 */
final class Engine implements AutoCloseable {
    static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final Duration INIT_LIMIT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    static {
        // The JDK server writes headers and body in separate segments; with Nagle's algorithm and the
        // runtime's delayed ACKs every event would arrive ~40 ms late and inflate warm durations.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final FunctionSpec spec;
    private final List<Path> runtimeJars;
    private final Path runtimeDir;
    private final Path tempDir;
    private final Path jniLib;
    private final int maxConcurrency;
    private final HttpServer server;
    private final ExecutorService httpThreads;
    private final String logStream;
    private final Thread shutdownHook;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private final Object lock = new Object();
    private final Deque<Invocation> queue = new ArrayDeque<>();
    private final List<Invocation> open = new ArrayList<>();
    private final Map<String, Invocation> byId = new HashMap<>();
    private final List<LogEvent> unattributed = new ArrayList<>();
    private Child child;
    private int children;
    private boolean stopping;

    private Engine(FunctionSpec spec, List<Path> runtimeJars, Path tempDir, int maxConcurrency) throws IOException,
            LocalInvokeException {
        this.runtimeJars = List.copyOf(runtimeJars);
        this.runtimeDir = RuntimeClientJars.ricJar(runtimeJars).toAbsolutePath().getParent();
        this.tempDir = tempDir;
        this.jniLib = RuntimeClientJars.extractJni(runtimeJars, tempDir);
        this.spec = spec.zip() == null ? spec : unzip(spec, tempDir.resolve("task"));
        this.maxConcurrency = maxConcurrency;
        this.logStream = DateTimeFormatter.ofPattern("yyyy/MM/dd").format(LocalDate.now(ZoneOffset.UTC))
                + "/[$LATEST]" + hex(16);
        this.httpThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-invoke-runtime-api");
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(httpThreads);
        server.start();
        // Ctrl-C on the runner: stop the child JVM and remove the temp dir rather than leave them behind.
        this.shutdownHook = new Thread(this::close, "local-invoke-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * @param maxConcurrency 0 for Lambda's usual one-at-a-time; N to set AWS_LAMBDA_MAX_CONCURRENCY=N
     *                       and keep up to N invocations in flight
     */
    static Engine create(FunctionSpec spec, int maxConcurrency) throws LocalInvokeException {
        List<Path> runtimeJars = RuntimeClientJars.locate();
        Path tempDir;
        try {
            tempDir = Files.createTempDirectory("local-invoke-");
        } catch (IOException e) {
            throw new LocalInvokeException("cannot create a temporary directory: " + e.getMessage(), e);
        }
        try {
            return new Engine(spec, runtimeJars, tempDir, maxConcurrency);
        } catch (IOException | LocalInvokeException | RuntimeException e) {
            deleteTree(tempDir);
            if (e instanceof LocalInvokeException l) {
                throw l;
            }
            throw new LocalInvokeException("cannot start the Runtime API: " + e.getMessage(), e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    RunResult run(List<byte[]> events, int total) throws LocalInvokeException {
        List<Invocation> all = new ArrayList<>();
        synchronized (lock) {
            for (int i = 0; i < total; i++) {
                Invocation inv = new Invocation(UUID.randomUUID().toString(), events.get(i % events.size()));
                all.add(inv);
                byId.put(inv.requestId(), inv);
                queue.add(inv);
            }
        }
        try {
            while (true) {
                synchronized (lock) {
                    if (queue.isEmpty() || stopping) {
                        break;
                    }
                }
                Child c = startChild();
                if (c == null) {
                    break;
                }
                supervise(c);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stop();
        }
        synchronized (lock) {
            for (Invocation inv : all) {
                inv.fail("Runtime.Unknown", errorJson("RequestId: " + inv.requestId() + " Error: not run",
                        "Runtime.Unknown"));
            }
            return new RunResult(all, unattributed);
        }
    }

    private Child startChild() throws LocalInvokeException {
        int n;
        synchronized (lock) {
            n = ++children;
        }
        Path telemetryFifo = tempDir.resolve("telemetry-" + n);
        Path stdoutFifo = tempDir.resolve("stdout-" + n);
        mkfifo(telemetryFifo, stdoutFifo);
        List<String> command = new ArrayList<>();
        command.add("/bin/sh");
        command.add("-c");
        // Lambda hands the runtime an extra descriptor for framed logs; ProcessBuilder cannot, so a
        // shell opens fd 3 on a named pipe before becoming the JVM. Stdout and stderr share a second
        // pipe, as Lambda merges them. Named pipes (unlike Process's streams) answer available()
        // while a reader is blocked, which lets the runner know when it has read everything.
        command.add("t=$1; o=$2; shift 2; exec 3>\"$t\" >\"$o\" 2>&1; exec \"$@\"");
        command.add("local-invoke");
        command.add(telemetryFifo.toString());
        command.add(stdoutFifo.toString());
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        command.add("-cp");
        List<String> cp = new ArrayList<>();
        runtimeJars.forEach(p -> cp.add(p.toString()));
        spec.classpath().forEach(p -> cp.add(p.toAbsolutePath().toString()));
        command.add(String.join(File.pathSeparator, cp));
        command.add(MAIN_CLASS);
        command.add(spec.handler());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(spec.taskRoot().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                // Only the shell can write here, if it cannot open the pipes.
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(environment());
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new LocalInvokeException("cannot start " + command.get(0) + ": " + e.getMessage(), 1, e);
        }
        Child c = new Child(process, start, telemetryFifo, stdoutFifo);
        synchronized (lock) {
            if (stopping) {
                // Closed (Ctrl-C) while this one was starting: no orphan runtimes.
                process.destroyForcibly();
                return null;
            }
            child = c;
        }
        c.begin();
        return c;
    }

    private static void mkfifo(Path... fifos) throws LocalInvokeException {
        List<String> command = new ArrayList<>(List.of("mkfifo", "-m", "600"));
        for (Path fifo : fifos) {
            command.add(fifo.toString());
        }
        try {
            Process mk = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(mk.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (mk.waitFor() != 0) {
                throw new LocalInvokeException("mkfifo failed: " + output, 1, null);
            }
        } catch (IOException e) {
            throw new LocalInvokeException("cannot run mkfifo: " + e.getMessage(), 1, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalInvokeException("interrupted", 1, e);
        }
    }

    List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        // What Lambda's Java runtimes start the JVM with (tiered compilation stops at C1 since java17).
        options.add("-XX:+TieredCompilation");
        options.add("-XX:TieredStopAtLevel=1");
        options.add("-XX:+UseSerialGC");
        options.add("-Xshare:auto");
        options.add("-XX:MaxHeapSize=" + (spec.memoryMb() * 1024L * 85 / 100) + "k");
        // The client opens the telemetry descriptor reflectively; without this it silently logs to stdout.
        options.add("--add-opens=java.base/java.io=ALL-UNNAMED");
        int feature = Runtime.version().feature();
        if (feature >= 22) {
            // Keeps JDK 22+ from printing warnings (as log events) about the client's System.load.
            options.add("--enable-native-access=ALL-UNNAMED");
        }
        if (feature >= 23) {
            // Likewise for its use of sun.misc.Unsafe.
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        options.add("-D" + JNI_PROPERTY + "=" + jniLib);
        return options;
    }

    Map<String, String> environment() {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        for (String passed : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")) {
            String value = System.getenv(passed);
            if (value != null) {
                env.put(passed, value);
            }
        }
        env.putAll(spec.environment());
        // Lambda's reserved variables win over the function's, as they do on Lambda.
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + port());
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStream);
        env.put("AWS_LAMBDA_LOG_FORMAT", spec.logFormat());
        if (spec.logLevel() != null) {
            env.put("AWS_LAMBDA_LOG_LEVEL", spec.logLevel());
        }
        env.put("AWS_REGION", Template.REGION);
        env.put("AWS_DEFAULT_REGION", Template.REGION);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + spec.runtime());
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("LAMBDA_TASK_ROOT", spec.taskRoot().toAbsolutePath().toString());
        env.put("LAMBDA_RUNTIME_DIR", runtimeDir.toAbsolutePath().toString());
        env.put("_HANDLER", spec.handler());
        env.put("_LAMBDA_TELEMETRY_LOG_FD", "3");
        if (maxConcurrency > 0) {
            env.put("AWS_LAMBDA_MAX_CONCURRENCY", Integer.toString(maxConcurrency));
        }
        return env;
    }

    private void supervise(Child c) throws InterruptedException {
        synchronized (lock) {
            while (true) {
                if (c.exited) {
                    handleExit(c);
                    return;
                }
                if (queue.isEmpty() && open.isEmpty()) {
                    return;
                }
                long now = System.nanoTime();
                long wait = TimeUnit.MILLISECONDS.toNanos(100);
                if (c.firstNextNanos == 0 && now - c.startNanos > INIT_LIMIT.plus(spec.timeout()).toNanos()) {
                    // Lambda gives init 10 s, then retries it within the invocation's own timeout.
                    c.initTimedOut = true;
                    c.kill();
                }
                for (Invocation inv : open) {
                    if (inv.hasResult()) {
                        // Normally closed by the runtime's next GET; this covers a runtime that never asks again.
                        if (now - inv.completedNanos > TimeUnit.SECONDS.toNanos(2)) {
                            c.kill();
                        }
                        continue;
                    }
                    long left = inv.dispatchedNanos + spec.timeout().toNanos() - now;
                    if (left <= 0) {
                        double seconds = (now - inv.dispatchedNanos) / 1e9;
                        String text = String.format(Locale.ROOT, "Task timed out after %.2f seconds", seconds);
                        inv.timedOut = true;
                        inv.fail("Sandbox.Timedout",
                                errorJson("RequestId: " + inv.requestId() + " Error: " + text, "Sandbox.Timedout"));
                        c.timeoutNotices.add(new Notice(inv, ISO_MILLIS.format(Instant.now()) + " "
                                + inv.requestId() + " " + text));
                        c.kill();
                    } else {
                        wait = Math.min(wait, left);
                    }
                }
                TimeUnit.NANOSECONDS.timedWait(lock, Math.max(wait, TimeUnit.MILLISECONDS.toNanos(1)));
            }
        }
    }

    /** Called with the lock held once the child has exited and its output is drained. */
    private void handleExit(Child c) {
        String status = c.initTimedOut
                ? String.format(Locale.ROOT, "Init timed out after %.2f seconds", (c.exitNanos - c.startNanos) / 1e9)
                : "Runtime exited with error: exit status " + c.exitCode;
        if (c.dispatched == 0 && !queue.isEmpty()) {
            // Init failed: the invocation that caused it fails with the init error. The rest stay
            // queued and get a fresh runtime each, as Lambda retries init on the next invocation.
            Invocation inv = queue.poll();
            inv.dispatchedNanos = c.startNanos;
            if (c.initErrorBody != null) {
                inv.fail(c.initErrorType == null ? "Runtime.Unknown" : c.initErrorType,
                        new String(c.initErrorBody, StandardCharsets.UTF_8));
            } else {
                inv.fail("Runtime.ExitError", errorJson("RequestId: " + inv.requestId() + " Error: " + status,
                        "Runtime.ExitError"));
            }
            inv.completedNanos = c.exitNanos;
            inv.initDuration = Duration.ofNanos(c.exitNanos - c.startNanos);
            inv.initLogs.addAll(c.initLogs);
        }
        for (Notice notice : c.timeoutNotices) {
            notice.invocation().logs.add(LogEvent.platform(notice.text()));
        }
        for (Invocation inv : open) {
            inv.fail("Runtime.ExitError", errorJson("RequestId: " + inv.requestId() + " Error: " + status,
                    "Runtime.ExitError"));
        }
        open.clear();
        if (child == c) {
            child = null;
        }
        lock.notifyAll();
    }

    private void stop() {
        Child c;
        synchronized (lock) {
            c = child;
            // Whatever a runtime writes from now on is its shutdown, not part of any invocation.
            stopping = true;
        }
        // Terminate before answering its pending GET: answered, the client would log a failure first.
        if (c != null) {
            c.process.destroy();
            try {
                if (!c.process.waitFor(2, TimeUnit.SECONDS)) {
                    c.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                c.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    @Override
    public void close() {
        // Both the owner and the shutdown hook may get here; the first one cleans up.
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: this is the hook running
        }
        stop();
        server.stop(0);
        httpThreads.shutdownNow();
        deleteTree(tempDir);
    }

    // ---- Runtime API ------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!path.startsWith(PREFIX)) {
                send(exchange, 404, "{\"errorMessage\":\"not found\",\"errorType\":\"NotFound\"}");
                return;
            }
            String rest = path.substring(PREFIX.length());
            if (method.equals("GET") && rest.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && rest.equals("init/error")) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                synchronized (lock) {
                    if (child != null) {
                        child.initErrorBody = body;
                        child.initErrorType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
                    }
                }
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && rest.startsWith("invocation/")
                    && (rest.endsWith("/response") || rest.endsWith("/error"))) {
                String id = rest.substring("invocation/".length(), rest.lastIndexOf('/'));
                boolean error = rest.endsWith("/error");
                byte[] body = exchange.getRequestBody().readAllBytes();
                boolean accepted;
                synchronized (lock) {
                    Invocation inv = byId.get(id);
                    accepted = inv != null && open.contains(inv) && !inv.hasResult();
                    if (accepted) {
                        inv.completedNanos = System.nanoTime();
                        if (error) {
                            inv.errorBody = body;
                            inv.functionErrorType = exchange.getRequestHeaders()
                                    .getFirst("Lambda-Runtime-Function-Error-Type");
                        } else {
                            inv.responseBody = body;
                        }
                        lock.notifyAll();
                    }
                }
                if (accepted) {
                    send(exchange, 202, "{\"status\":\"OK\"}");
                } else {
                    send(exchange, 400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
                }
            } else {
                send(exchange, 404, "{\"errorMessage\":\"not found\",\"errorType\":\"NotFound\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        Child c;
        synchronized (lock) {
            c = child;
            if (c != null && c.firstNextNanos == 0) {
                c.firstNextNanos = arrived;
            }
        }
        if (c != null) {
            c.drain();
        }
        Invocation inv = null;
        synchronized (lock) {
            // The runtime asks for more only after finishing the previous event, so everything it
            // logged for that event has been read by now.
            for (Iterator<Invocation> it = open.iterator(); it.hasNext();) {
                Invocation done = it.next();
                if (done.hasResult()) {
                    it.remove();
                }
            }
            lock.notifyAll();
            try {
                // While stopping, hold the request until the runtime is gone (see stop()).
                while (c != null && child == c && !c.exited) {
                    long inFlight = open.stream().filter(i -> !i.hasResult()).count();
                    if (!stopping && !queue.isEmpty() && inFlight < Math.max(1, maxConcurrency)) {
                        inv = queue.poll();
                        dispatch(c, inv);
                        break;
                    }
                    lock.wait(200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (inv == null) {
            // The runner is shutting this runtime down; it never gets an answer on Lambda either.
            send(exchange, 503, "{\"errorMessage\":\"shutting down\",\"errorType\":\"Runtime.Shutdown\"}");
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", inv.requestId());
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(inv.deadlineEpochMs));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:" + Template.REGION + ":" + Template.ACCOUNT + ":function:" + spec.name());
        inv.traceHeader = traceHeader();
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", inv.traceHeader);
        byte[] body = inv.event().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void dispatch(Child c, Invocation inv) {
        inv.dispatchedNanos = System.nanoTime();
        inv.deadlineEpochMs = System.currentTimeMillis() + spec.timeout().toMillis();
        if (c.dispatched == 0) {
            inv.initDuration = Duration.ofNanos(c.firstNextNanos - c.startNanos);
            inv.initLogs.addAll(c.initLogs);
            c.initLogs.clear();
        }
        c.dispatched++;
        open.add(inv);
    }

    static String traceHeader() {
        long seconds = System.currentTimeMillis() / 1000;
        return "Root=1-" + String.format("%08x", seconds) + "-" + hex(12) + ";Parent=" + hex(8) + ";Sampled=0";
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String errorJson(String message, String type) {
        JsonObject error = new JsonObject();
        error.addProperty("errorMessage", message);
        error.addProperty("errorType", type);
        return error.toString();
    }

    // ---- log events -------------------------------------------------------------------------

    private void onLog(Child c, LogEvent event) {
        synchronized (lock) {
            if (stopping) {
                return;
            }
            Invocation target = null;
            String id = requestIdOf(event);
            if (id != null && byId.containsKey(id)) {
                target = byId.get(id);
            } else if (c.dispatched == 0 && child == c) {
                c.initLogs.add(event);
                return;
            } else {
                List<Invocation> candidates = open.stream().filter(i -> i.dispatchedNanos != 0).toList();
                if (candidates.size() == 1) {
                    target = candidates.get(0);
                }
            }
            if (target == null) {
                unattributed.add(event);
            } else {
                target.logs.add(event);
            }
        }
    }

    /**
     * The request id an event names: the JSON log format's wrapper carries {@code AWSRequestId};
     * a tracker line written as raw bytes carries none, but has its own {@code request_id}. Either
     * tells concurrent invocations apart.
     */
    private static String requestIdOf(LogEvent event) {
        String text = event.text();
        if (!text.startsWith("{")
            || !(text.contains("\"AWSRequestId\"") || text.contains("\"request_id\""))) {
            return null;
        }
        try {
            JsonElement element = JsonParser.parseString(text);
            if (!element.isJsonObject()) {
                return null;
            }
            JsonElement id = element.getAsJsonObject().get("AWSRequestId");
            if (id == null) {
                id = element.getAsJsonObject().get("request_id");
            }
            if (id != null && id.isJsonPrimitive()) {
                return id.getAsString();
            }
        } catch (JsonParseException e) {
            // not JSON: an ordinary line
        }
        return null;
    }

    // ---- the child JVM ----------------------------------------------------------------------

    private final class Child {
        final Process process;
        final long startNanos;
        final Path telemetryFifo;
        final Path stdoutFifo;
        final Watched telemetryIn = new Watched();
        final Watched stdoutIn = new Watched();
        final List<LogEvent> initLogs = new ArrayList<>();
        final List<Notice> timeoutNotices = new ArrayList<>();
        final LineSplitter partial = new LineSplitter();
        long firstNextNanos;
        long exitNanos;
        int dispatched;
        byte[] initErrorBody;
        String initErrorType;
        boolean exited;
        boolean initTimedOut;
        int exitCode;

        Child(Process process, long startNanos, Path telemetryFifo, Path stdoutFifo) {
            this.process = process;
            this.startNanos = startNanos;
            this.telemetryFifo = telemetryFifo;
            this.stdoutFifo = stdoutFifo;
        }

        void begin() {
            Thread telemetry = daemon("local-invoke-telemetry", this::readTelemetry);
            Thread stdout = daemon("local-invoke-stdout", this::readStdout);
            daemon("local-invoke-exit", () -> {
                int code;
                try {
                    code = process.waitFor();
                    unblock(telemetry, telemetryIn, telemetryFifo);
                    unblock(stdout, stdoutIn, stdoutFifo);
                    telemetry.join(TimeUnit.SECONDS.toMillis(5));
                    stdout.join(TimeUnit.SECONDS.toMillis(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                flushPartial();
                synchronized (lock) {
                    exited = true;
                    exitCode = code;
                    exitNanos = System.nanoTime();
                    lock.notifyAll();
                }
            });
        }

        /**
         * A reader still waiting to open its pipe (the runtime died before opening it) is released by
         * briefly being the writer: opening a FIFO read-write never blocks on Linux.
         */
        private void unblock(Thread reader, Watched in, Path fifo) throws InterruptedException {
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (reader.isAlive() && !in.opened() && System.nanoTime() < giveUp) {
                java.io.RandomAccessFile writer;
                try {
                    writer = new java.io.RandomAccessFile(fifo.toFile(), "rw");
                } catch (IOException e) {
                    return;
                }
                try {
                    Thread.sleep(10);
                } finally {
                    try {
                        writer.close();
                    } catch (IOException e) {
                        // nothing to do
                    }
                }
            }
        }

        void kill() {
            process.destroyForcibly();
        }

        private Thread daemon(String name, Runnable body) {
            Thread t = new Thread(body, name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        private void readTelemetry() {
            try {
                telemetryIn.open(telemetryFifo);
                TelemetryFrames frames = new TelemetryFrames(telemetryIn);
                for (LogEvent e = frames.next(); e != null; e = frames.next()) {
                    onLog(this, e);
                }
            } catch (IOException e) {
                onLog(this, LogEvent.platform("local-invoke: unreadable telemetry stream: " + e.getMessage()));
                try {
                    telemetryIn.transferTo(OutputStream.nullOutputStream());
                } catch (IOException ignored) {
                    // the child is gone
                }
            } finally {
                telemetryIn.close();
            }
        }

        private void readStdout() {
            byte[] buf = new byte[8192];
            try {
                stdoutIn.open(stdoutFifo);
                for (int n = stdoutIn.read(buf); n >= 0; n = stdoutIn.read(buf)) {
                    List<byte[]> lines;
                    synchronized (partial) {
                        lines = partial.append(buf, n);
                    }
                    lines.forEach(this::emitLine);
                }
            } catch (IOException e) {
                // the pipe closes when the child dies
            } finally {
                stdoutIn.close();
            }
        }

        private void emitLine(byte[] line) {
            // CloudWatch has no empty events; Lambda drops empty lines.
            if (line.length > 0) {
                onLog(this, new LogEvent(LogEvent.Source.STDOUT, line, Instant.now(), null, null));
            }
        }

        void flushPartial() {
            byte[] rest;
            synchronized (partial) {
                rest = partial.takeRest();
            }
            if (rest != null) {
                emitLine(rest);
            }
        }

        /**
         * Waits until both readers have consumed and processed everything the child has written so
         * far: each is parked in a read, its pipe is empty, and neither has returned from a read
         * across a few consecutive looks.
         */
        void drain() {
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            long lastReads = -1;
            int stable = 0;
            while (System.nanoTime() < giveUp) {
                long reads = telemetryIn.reads() + stdoutIn.reads();
                if (telemetryIn.idle() && stdoutIn.idle() && reads == lastReads) {
                    if (++stable >= 2) {
                        break;
                    }
                } else {
                    stable = 0;
                }
                lastReads = reads;
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            flushPartial();
        }
    }

    /** A line the platform logs for an invocation once the runtime's own output is drained. */
    private record Notice(Invocation invocation, String text) {
    }

    /** Splits a byte stream into lines, keeping an unfinished line for later. */
    static final class LineSplitter {
        private byte[] pending = new byte[0];

        List<byte[]> append(byte[] buf, int n) {
            List<byte[]> lines = new ArrayList<>();
            byte[] all = new byte[pending.length + n];
            System.arraycopy(pending, 0, all, 0, pending.length);
            System.arraycopy(buf, 0, all, pending.length, n);
            int start = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] == '\n') {
                    lines.add(java.util.Arrays.copyOfRange(all, start, i));
                    start = i + 1;
                }
            }
            pending = java.util.Arrays.copyOfRange(all, start, all.length);
            return lines;
        }

        byte[] takeRest() {
            if (pending.length == 0) {
                return null;
            }
            byte[] rest = pending;
            pending = new byte[0];
            return rest;
        }
    }

    /** A named pipe's read end that can tell whether its reader is parked on an empty pipe. */
    static final class Watched extends InputStream {
        private volatile FileInputStream in;
        private volatile boolean blocked;
        private volatile boolean eof;
        private volatile long reads;

        void open(Path fifo) throws IOException {
            in = new FileInputStream(fifo.toFile());
        }

        boolean opened() {
            return in != null;
        }

        @Override
        public int read() throws IOException {
            blocked = true;
            try {
                int b = in.read();
                eof = b < 0;
                return b;
            } finally {
                blocked = false;
                reads++;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            blocked = true;
            try {
                int n = in.read(b, off, len);
                eof = n < 0;
                return n;
            } finally {
                blocked = false;
                reads++;
            }
        }

        long reads() {
            return reads;
        }

        /** True when nothing is left to read: FIONREAD on the pipe says empty and the reader waits on it. */
        boolean idle() {
            FileInputStream stream = in;
            if (eof || stream == null) {
                return true;
            }
            try {
                return blocked && stream.available() == 0;
            } catch (IOException e) {
                return true;
            }
        }

        @Override
        public void close() {
            eof = true;
            FileInputStream stream = in;
            if (stream != null) {
                try {
                    stream.close();
                } catch (IOException e) {
                    // nothing to do
                }
            }
        }
    }

    // ---- files ------------------------------------------------------------------------------

    private static FunctionSpec unzip(FunctionSpec spec, Path target) throws IOException, LocalInvokeException {
        Files.createDirectories(target);
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(spec.zip()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new LocalInvokeException(spec.zip() + " has an entry outside its root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(zip, out);
                }
            }
        }
        List<Path> cp = new ArrayList<>();
        cp.add(target);
        cp.addAll(Template.jars(target.resolve("lib")));
        return spec.withCode(target, cp);
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: a leftover temp dir is harmless
        }
    }
}
