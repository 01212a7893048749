package io.github.goblinfish.examples.docs;

import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.Tracked;
import io.github.goblinfish.metrics.trackers.TrackedProxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.logging.Logger;

/** The steps of docs/tracker.md, in one program that the build compiles. */
final class QuickStart {
  static final ProcessTracker tracker = new ProcessTracker();

  public static void main(String[] args) {
    tracker.trackProcess("some_function", () -> someFunction());
  }

  static void someFunction() {
    ProcessTracker tracker = ProcessTracker.current();
    try (Timer timer = tracker.timer("some_process_name")) {
      // Do stuff here
    }
  }

  static void someOtherFunction() {}

  static void timeAChildAtTheCallSite() {
    try (Timer timer = tracker.timer("some_process_name")) {
      tracker.track("some_other_function", () -> someOtherFunction());
    }
  }

  interface Steps {
    @Tracked("some_other_function") void someOtherFunction();
  }
  static final Steps STEPS = TrackedProxy.of(Steps.class, new RealSteps());

  static final class RealSteps implements Steps {
    @Override
    public void someOtherFunction() {}
  }

  static void setMetrics() {
    try (Timer timer = tracker.timer("some_process_name")) {
      try {
        tracker.track("some_other_function", () -> someOtherFunction());
      } catch (RuntimeException error) {
        tracker.incrementMetric("some_function_errors");                          // a count
        tracker.setMetric("some_function_error_name", error.getClass().getSimpleName()); // text is OK
      }
    }
    tracker.setIdentifier("correlation_id", "00000000-0000-0000-0000-000000000001");
  }

  static ProcessTracker ownOutput(Logger myLogger) {
    ProcessTracker tracker = new ProcessTracker(line -> myLogger.info(line));
    return tracker;
  }

  record Person(String id) {}

  interface People {
    Person load(String id);
  }

  static CompletableFuture<Person> asynchronousStep(
      ExecutorService pool, People people, String id) {
    Executor tracked = tracker.executor(pool);
    CompletableFuture<Person> person = tracker.trackAsync("get_person_data",
        () -> CompletableFuture.supplyAsync(() -> people.load(id), tracked));
    return person;
  }
}
