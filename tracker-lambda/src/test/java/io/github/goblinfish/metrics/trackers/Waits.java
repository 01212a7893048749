package io.github.goblinfish.metrics.trackers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The tests' waits for other threads, each bounded: a wait that never ends fails its test with a
 * message that says what it waited for, instead of hanging the build.
 */
public final class Waits {
  /** Far longer than any of these waits takes on a loaded machine: only a hang reaches it. */
  public static final long SECONDS = 60;

  private Waits() {}

  /** {@link Future#get()}, bounded. */
  public static <T> T get(Future<T> future) throws InterruptedException, ExecutionException {
    try {
      return future.get(SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException hung) {
      future.cancel(true);
      throw new AssertionError("a task did not end within " + SECONDS + " s", hung);
    }
  }

  /** {@link java.util.concurrent.CompletableFuture#join()}, bounded: failures come unchecked. */
  public static <T> T join(Future<T> future) {
    try {
      return get(future);
    } catch (ExecutionException failed) {
      throw new CompletionException(failed.getCause());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new CompletionException(interrupted);
    }
  }

  /** {@link Thread#join()}, bounded. */
  public static void join(Thread thread) throws InterruptedException {
    thread.join(TimeUnit.SECONDS.toMillis(SECONDS));
    if (thread.isAlive()) {
      throw new AssertionError(
          "thread " + thread.getName() + " did not end within " + SECONDS + " s");
    }
  }

  /** {@link CountDownLatch#await()}, bounded. */
  public static void await(CountDownLatch latch) throws InterruptedException {
    if (!latch.await(SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError(
          "a latch was still at " + latch.getCount() + " after " + SECONDS + " s");
    }
  }

  /** {@link CyclicBarrier#await()}, bounded: a party that never comes breaks it for all. */
  public static void await(CyclicBarrier barrier)
      throws InterruptedException, BrokenBarrierException {
    try {
      barrier.await(SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException hung) {
      throw new AssertionError(
          "not all " + barrier.getParties() + " parties reached a barrier within " + SECONDS + " s",
          hung);
    }
  }

  /** {@link ExecutorService#invokeAll(Collection)}, bounded: every task ended when it returns. */
  public static <T> List<Future<T>> invokeAll(
      ExecutorService pool, Collection<? extends Callable<T>> tasks) throws InterruptedException {
    List<Future<T>> futures = pool.invokeAll(tasks, SECONDS, TimeUnit.SECONDS);
    List<Future<T>> unfinished = new ArrayList<>();
    for (Future<T> future : futures) {
      if (future.isCancelled()) {
        unfinished.add(future);
      }
    }
    if (!unfinished.isEmpty()) {
      throw new AssertionError(
          unfinished.size()
              + " of "
              + futures.size()
              + " tasks did not end within "
              + SECONDS
              + " s");
    }
    return futures;
  }
}
