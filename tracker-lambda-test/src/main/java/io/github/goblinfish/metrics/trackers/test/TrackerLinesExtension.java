package io.github.goblinfish.metrics.trackers.test;

import io.github.goblinfish.metrics.trackers.internal.ColdStartAccess;
import io.github.goblinfish.metrics.trackers.internal.InitClock;
import io.github.goblinfish.metrics.trackers.internal.LineObserver;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives each test a fresh process: the cold start is reset before each
 * test, so that the test's first tracked invocation has {@code cold_start} true as in a new Lambda
 * process, and every tracker line written during the test, by any tracker in any output and format,
 * is captured into the test's {@link CapturedLines}. For a handler of {@code Map<String, String>}
 * events that times {@code load_order} and sets {@code order_lines} (docs/testing.md shows it in
 * full):
 *
 * <pre>{@code
 * @ExtendWith(TrackerLinesExtension.class)
 * class OrderLookupHandlerTest {
 *   @Test
 *   void timesTheLookupAndCountsTheLines(CapturedLines lines) {
 *     new OrderLookupHandler().handleRequest(Map.of("id", "ord-1"), TestContext.create());
 *     TrackerLine line = lines.only();
 *     assertTrue(line.hasLatency("load_order"));
 *     assertEquals(3, line.metric("order_lines"));
 *     assertEquals(true, line.identifier("cold_start"));
 *   }
 * }
 * }</pre>
 *
 * <p>{@link CapturedLines} can be a parameter of test methods and of {@code @BeforeEach} and
 * {@code @AfterEach} methods. The extension may also be registered with {@code @RegisterExtension};
 * registered both ways for one test, it sets up one capture, which ends with the test. Capture
 * reads the lines through the library's line observers (its internal package, which is not API), so
 * the handler's output is left as it is: its context's logger still receives the line.
 *
 * <p>Thread-safe, with one limit: cold start and the line observers are process-wide, so tests run
 * in parallel in one JVM would reset each other's cold start and see each other's lines. Run the
 * tests that use this extension one at a time (JUnit's default), or isolate them with
 * {@code @Isolated}.
 */
public final class TrackerLinesExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(TrackerLinesExtension.class);
  private static final String LINES = "lines";
  private static final String REGISTRATION = "registration";
  private static final String OWNER = "owner";

  /** Creates the extension; JUnit does, for {@code @ExtendWith}. */
  public TrackerLinesExtension() {}

  @Override
  public void beforeEach(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    if (store.get(REGISTRATION) != null) {
      // Registered twice for this test (@ExtendWith and @RegisterExtension make two instances that
      // share this store): the first set up the capture, and its registration is the one afterEach
      // closes. A second observer would see every line for the rest of the JVM.
      return;
    }
    ColdStartAccess.reset();
    // The process's first line carries what was recorded at init: whichever test writes first.
    // Tests' lines carry none of it, so that a test's lines do not depend on the tests before it.
    InitClock.firstLineWrittenAlready();
    CapturedLines lines = new CapturedLines();
    store.put(LINES, lines);
    store.put(OWNER, this);
    store.put(REGISTRATION, LineObserver.register(lines::add));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    LineObserver.Registration registration =
        context.getStore(NAMESPACE).remove(REGISTRATION, LineObserver.Registration.class);
    if (registration != null) {
      registration.close();
    }
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    if (parameterContext.getParameter().getType() != CapturedLines.class) {
      return false;
    }
    // Registered twice, only the instance that set up the capture resolves it: JUnit refuses a
    // parameter that two resolvers claim.
    Object owner = extensionContext.getStore(NAMESPACE).get(OWNER);
    return owner == null || owner == this;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    CapturedLines lines = extensionContext.getStore(NAMESPACE).get(LINES, CapturedLines.class);
    if (lines == null) {
      throw new ParameterResolutionException(
          "CapturedLines belong to one test: they can be a parameter of test, @BeforeEach and"
              + " @AfterEach methods only");
    }
    return lines;
  }
}
