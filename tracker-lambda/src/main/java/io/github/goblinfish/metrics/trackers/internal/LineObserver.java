package io.github.goblinfish.metrics.trackers.internal;

import java.util.Objects;

/**
 * Sees every line any tracker of this process writes, exactly as it was handed to its output, in
 * whatever format: the hook through which the test kit's {@code TrackerLinesExtension} reads an
 * invocation's line without touching the handler's output.
 *
 * <pre>{@code
 * List<String> seen = new CopyOnWriteArrayList<>();
 * try (LineObserver.Registration registration = LineObserver.register(seen::add)) {
 *   handler.handleRequest(event, context);
 * }
 * // seen holds the invocation's line
 * }</pre>
 *
 * <p>An observer receives the line without its trailing newline: the String a text output received,
 * or the UTF-8 bytes a byte output received, decoded. It is called on the thread that ends the run,
 * after the output, also when the output threw. Whatever an observer throws is reported on standard
 * error and reaches neither the output, nor the other observers, nor the tracked code. Observers
 * are process-wide: while one is registered it sees the lines of every run on every thread. With
 * none registered, writing a line costs one volatile read more.
 *
 * <p>Not API: see the {@linkplain io.github.goblinfish.metrics.trackers.internal package}.
 * Implementations must be thread-safe: concurrent runs call them concurrently. {@link
 * #register(LineObserver)} and {@link Registration#close()} are thread-safe.
 */
@FunctionalInterface
public interface LineObserver {

  /**
   * Receives one line, as written.
   *
   * @param line the line, without a trailing newline
   */
  void lineWritten(String line);

  /**
   * Registers {@code observer} until the returned registration is closed. Registering the same
   * observer twice makes it see each line twice.
   *
   * @param observer sees every line written from now on
   * @return the registration, to close when the observer has seen enough
   * @throws NullPointerException if {@code observer} is null
   */
  static Registration register(LineObserver observer) {
    return LineObservers.register(Objects.requireNonNull(observer, "observer"));
  }

  /**
   * A registered {@link LineObserver}; closing it ends the registration.
   *
   * <pre>{@code
   * LineObserver.Registration registration = LineObserver.register(line -> count.incrementAndGet());
   * registration.close();
   * }</pre>
   *
   * <p>{@link #close()} throws nothing, is idempotent and may be called from any thread.
   */
  interface Registration extends AutoCloseable {

    /** Stops the observer from seeing lines written after this call returns. */
    @Override
    void close();
  }
}
