/**
 * A Docker-free {@code sam local invoke} for Java functions: the runner reads a SAM template,
 * serves the Lambda Runtime API on 127.0.0.1 and starts the real {@code
 * aws-lambda-java-runtime-interface-client} in a child JVM against the function's build output,
 * with Lambda's environment variables and its framed telemetry log descriptor, so every log event
 * arrives exactly as CloudWatch Logs would get it.
 *
 * <h2>Command line</h2>
 *
 * <pre>
 *   ./mvnw -B package -DskipTests
 *   ./invoke ApiGatewayFunction -e events/api-gateway-get-order.json
 *   ./invoke ApiGatewayFunction -e events/api-gateway-get-order.json --times 3   # cold, then warm
 *   java -jar tracker-lambda-local-invoke-&lt;version&gt;-all.jar QueueFunction -e events/event.json
 *   ./invoke report lines.log --by function_name              # the summary of saved lines
 *   ./invoke compare before.log after.log --fail-if-slower 10 # each step's change, as a gate
 *   ./invoke ab ApiGatewayFunction -e events/api-gateway-get-order.json --before old-build
 *   ./invoke help compare                                     # a command's generated help
 * </pre>
 *
 * <p>One picocli command line ({@code LocalInvoke}) serves {@code ./invoke}, the runnable jar and
 * the Maven plugin: {@code invoke} at the top (also named, {@code ./invoke invoke FUNCTION}),
 * {@code report}, {@code compare}, {@code ab} (two builds side by side) and {@code help}; its
 * options are declared once, in mixins shared by the commands, and its help is generated from them
 * (docs/runner.md's command-line reference shows it).
 *
 * <p>The function's code is where its CodeUri (or {@code --code-uri}) points: a folder of classes
 * with its jars in {@code lib/}, a .zip or a .jar (both unpacked per run, as Lambda unpacks them),
 * a Maven project's {@code target/classes} with {@code target/lib}, or each function's folder of
 * {@code sam build}'s output; docs/runner.md has the table.
 *
 * <h2>From a test</h2>
 *
 * Run such tests after {@code package} (for example with Failsafe in {@code integration-test}): a
 * Maven CodeUri's function classpath is {@code target/classes} plus {@code target/lib/*.jar}, which
 * the examples module fills at {@code package}.
 *
 * <pre>{@code
 * FunctionSpec fn = LocalInvoke.function(Path.of("../template.yaml"), "ApiGatewayFunction");
 * String event = Files.readString(Path.of("../events/api-gateway-get-order.json"));
 * RunResult run = LocalInvoke.invoke(fn, List.of(event), 1, 0);
 * Invocation inv = run.invocations().get(0);
 * assertTrue(inv.succeeded(), () -> inv.error().orElse(""));
 * assertEquals(1, inv.trackerLines().size());
 * assertEquals(List.of("ApiGatewayHandler", "validate_request", "load_order"),
 *         List.copyOf(inv.trackerLines().get(0).latenciesMs().keySet()));
 * }</pre>
 *
 * <p>Entry points: {@link io.github.goblinfish.metrics.trackers.local.LocalInvoke} (command line
 * and library), {@link io.github.goblinfish.metrics.trackers.local.FunctionSpec} (what is run),
 * {@link io.github.goblinfish.metrics.trackers.local.RunResult} and {@link
 * io.github.goblinfish.metrics.trackers.local.Invocation} (what came back), {@link
 * io.github.goblinfish.metrics.trackers.local.LogEvent} and {@link
 * io.github.goblinfish.metrics.trackers.local.TrackerLine} (what was logged).
 */
package io.github.goblinfish.metrics.trackers.local;
