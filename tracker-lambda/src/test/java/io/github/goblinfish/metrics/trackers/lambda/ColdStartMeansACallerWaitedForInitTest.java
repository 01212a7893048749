package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.github.goblinfish.metrics.trackers.FakeTicker;
import io.github.goblinfish.metrics.trackers.internal.ColdStartAccess;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code cold_start} means in each initialisation type, the SnapStart restore hook, and the
 * identifiers that say which mode an invocation ran in. The runner's end-to-end tests run each
 * {@code --init-type} through the real runtime client.
 */
class ColdStartMeansACallerWaitedForInitTest {

  @AfterEach
  void firstAgain() {
    ColdStart.restored();
  }

  @Test
  void onlyEnvironmentsInitialisedAheadOfRequestsNeverStartCold() {
    assertFalse(InitType.initialisedAheadOfRequests(InitType.ON_DEMAND));
    assertFalse(InitType.initialisedAheadOfRequests(InitType.SNAP_START));
    assertTrue(InitType.initialisedAheadOfRequests(InitType.PROVISIONED_CONCURRENCY));
    assertTrue(InitType.initialisedAheadOfRequests(InitType.MANAGED_INSTANCES));
    assertFalse(InitType.initialisedAheadOfRequests(null), "outside Lambda: like on-demand");
  }

  /** A CRaC context like the JDK's, keeping what is registered so a test can restore it. */
  static final class RecordingContext extends org.crac.Context<Resource> {
    final List<Resource> resources = new ArrayList<>();

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {}

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context)
        throws org.crac.RestoreException {
      for (Resource resource : resources) {
        try {
          resource.afterRestore(this);
        } catch (Exception failed) {
          throw new IllegalStateException(failed);
        }
      }
    }

    @Override
    public void register(Resource resource) {
      resources.add(resource);
    }
  }

  @Test
  void afterASnapStartRestoreTheNextInvocationIsAColdStartAgainEvenIfInitWarmedTheHandler()
      throws Exception {
    RecordingContext crac = new RecordingContext();
    int before = SnapStartRestore.registeredCount();
    assertTrue(
        SnapStartRestore.register(
            ColdStart::restored, crac, getClass().getClassLoader(), "org.crac"));
    assertEquals(before + 1, SnapStartRestore.registeredCount());

    ColdStart.take(); // a warm-up invocation during init, before the snapshot
    assertFalse(ColdStart.take(), "the snapshot would hold a spent flag");
    crac.afterRestore(crac);
    assertTrue(ColdStart.take(), "the first invocation after the restore is cold");
    assertFalse(ColdStart.take());
    assertEquals("tracker-lambda cold start after restore", crac.resources.get(0).toString());
    assertEquals(crac.resources.get(0), crac.resources.get(0));
  }

  @Test
  void withoutCracNothingIsRegisteredAndNothingFails() {
    assertFalse(
        SnapStartRestore.register(
            ColdStart::restored, new Object(), new ClassLoader(null) {}, "org.crac"));
    assertEquals(
        1,
        SnapStartRestore.register(() -> {}),
        "org.crac is on the test classpath; the runtime client's own API is not");
  }

  @Test
  void aTenantIdFromTheContextIsAnIdentifier() {
    List<String> lines = new ArrayList<>();
    TrackedRequestHandler<String, String> handler =
        new TrackedRequestHandler<>(
            HandlerConfig.builder()
                .environment(name -> null)
                .output(lines::add)
                .identifierName(LambdaIdentifier.REQUEST_ID, "request_id")
                .omitIdentifier(LambdaIdentifier.FUNCTION_NAME)
                .omitIdentifier(LambdaIdentifier.FUNCTION_VERSION)
                .omitIdentifier(LambdaIdentifier.COLD_START)
                .omitIdentifier(LambdaIdentifier.XRAY_TRACE_ID)
                .ticker(() -> 0L)
                .build()) {
          @Override
          protected String handleTracked(String input, Context context) {
            return input;
          }
        };
    Context tenant =
        (Context)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Context.class},
                (proxy, method, args) -> {
                  switch (method.getName()) {
                    case "getAwsRequestId":
                      return "r-1";
                    case "getTenantId":
                      return "tenant-42";
                    default:
                      return null;
                  }
                });
    handler.handleRequest("x", tenant);
    assertTrue(
        lines.get(0).endsWith(",\"request_id\":\"r-1\",\"tenant_id\":\"tenant-42\"}"),
        lines.get(0));
  }

  @Test
  void theNewIdentifiersCanBeChosenByTheirNames() {
    HandlerConfig config =
        HandlerConfig.builder()
            .environment(java.util.Map.of("TRACKER_IDENTIFIERS", "init_type,tenant_id")::get)
            .build();
    assertEquals(
        java.util.Map.of(
            LambdaIdentifier.INIT_TYPE, "init_type", LambdaIdentifier.TENANT_ID, "tenant_id"),
        config.identifierNames());
  }

  private static final String COLD =
      "{\"latencies\":{\"h\":0.000},\"untracked\":0.000,\"metrics\":{},\"cold_start\":true}";
  private static final String WARM =
      "{\"latencies\":{\"h\":0.000},\"untracked\":0.000,\"metrics\":{},\"cold_start\":false}";

  @Test
  void theTestKitsResetMakesTheNextInvocationTheColdStartAgain() {
    List<String> lines = new CopyOnWriteArrayList<>();
    RequestHandler<String, String> handler =
        TrackedHandlers.wrap(
            (input, context) -> input,
            HandlerConfig.builder()
                .output(lines::add)
                .ticker(new FakeTicker())
                .omitAllIdentifiers()
                .identifierName(LambdaIdentifier.COLD_START, "cold_start")
                .entryName("h")
                .build());
    TestContext context = TestContext.create();

    ColdStartAccess.reset();
    handler.handleRequest("a", context);
    handler.handleRequest("b", context);
    ColdStartAccess.reset();
    handler.handleRequest("c", context);

    assertEquals(List.of(COLD, WARM, COLD), lines);
  }
}
