package io.github.goblinfish.metrics.benchmarks.handlers;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

/**
 * aws-embedded-metrics' own Lambda environment, with a sink that serializes each flush exactly as
 * its {@code ConsoleSink} does and hands every line to a consumer instead of standard output.
 */
public final class DiscardingEmfEnvironment extends LambdaEnvironment {
  private final ISink sink;

  /**
   * Creates the environment.
   *
   * @param lines receives each serialized EMF line
   */
  public DiscardingEmfEnvironment(Consumer<String> lines) {
    this.sink =
        new ISink() {
          @Override
          public void accept(MetricsContext context) {
            try {
              for (String line : context.serialize()) {
                lines.accept(line);
              }
            } catch (JsonProcessingException e) {
              throw new UncheckedIOException(e);
            }
          }

          @Override
          public CompletableFuture<Void> shutdown() {
            return CompletableFuture.completedFuture(null);
          }
        };
  }

  @Override
  public ISink getSink() {
    return sink;
  }

  /**
   * An {@link EnvironmentProvider} (built per logger, as {@code new MetricsLogger()} builds one)
   * whose resolution is already done, as it is on Lambda after the first invocation.
   *
   * @param environment the environment it resolves to
   * @return the provider
   */
  public static EnvironmentProvider provider(Environment environment) {
    return new EnvironmentProvider() {
      @Override
      public CompletableFuture<Environment> resolveEnvironment() {
        return CompletableFuture.completedFuture(environment);
      }
    };
  }
}
