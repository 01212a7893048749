package io.github.goblinfish.metrics.trackers.local;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the project's version, written into {@code version.properties} by the build.
 *
 * <pre>{@code
 * @Command(name = "report", mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class)
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
final class ProjectVersion implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = ProjectVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    }
    return new String[] {
      "tracker-lambda local invoke " + properties.getProperty("version", "(version unknown)")
    };
  }
}
