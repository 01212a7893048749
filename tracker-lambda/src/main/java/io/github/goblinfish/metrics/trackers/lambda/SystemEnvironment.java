package io.github.goblinfish.metrics.trackers.lambda;

import java.util.function.Function;

/**
 * The process's environment variables, where a {@link HandlerConfig} reads its settings by default.
 * A class rather than {@code System::getenv}: a method reference costs a class generated at run
 * time, on the cold start's path.
 */
final class SystemEnvironment implements Function<String, String> {
  static final SystemEnvironment INSTANCE = new SystemEnvironment();

  private SystemEnvironment() {}

  @Override
  public String apply(String name) {
    return System.getenv(name);
  }
}
