package io.github.goblinfish.metrics.trackers.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A function's code before it runs: a {@code .zip} or {@code .jar} CodeUri unpacked the way Lambda
 * unpacks either into {@code /var/task}, and the handler class looked up, so that broken code fails
 * with one line naming its cause rather than inside the runtime.
 *
 * <p>Thread-safe: it holds no state.
 */
final class FunctionCode {
  private FunctionCode() {}

  /**
   * Fails with one line naming the zip when it cannot be read as one; warns when a .zip has no jars
   * in lib/ (a .jar is often a shaded jar, which needs none).
   */
  static void checkZip(FunctionSpec spec, Consumer<String> warnings) throws LocalInvokeException {
    try (ZipFile zip = new ZipFile(spec.zip().toFile())) {
      boolean libJars =
          zip.stream()
              .anyMatch(e -> e.getName().startsWith("lib/") && e.getName().endsWith(".jar"));
      if (!libJars
          && spec.zip().getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
        warnings.accept(
            "warning: "
                + spec.name()
                + ": no jars in lib/ of "
                + spec.zip()
                + "; a Lambda zip carries the function's runtime dependencies there, so a function"
                + " that has any fails with NoClassDefFoundError");
      }
    } catch (IOException | RuntimeException e) {
      throw unreadable(spec, e);
    }
  }

  private static LocalInvokeException unreadable(FunctionSpec spec, Exception e) {
    return new LocalInvokeException(
        "function '"
            + spec.name()
            + "': CodeUri "
            + spec.zip()
            + " is not a readable zip file ("
            + oneLine(e)
            + ")",
        e);
  }

  static FunctionSpec unzip(FunctionSpec spec, Path target) throws LocalInvokeException {
    Path zipPath = spec.zip();
    try (ZipFile zip = new ZipFile(zipPath.toFile())) {
      Files.createDirectories(target);
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        Path out = target.resolve(entry.getName()).normalize();
        if (!out.startsWith(target)) {
          throw new LocalInvokeException(
              "function '"
                  + spec.name()
                  + "': "
                  + zipPath
                  + " has an entry outside its root: "
                  + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, out);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      throw unreadable(spec, e);
    }
    List<Path> cp = new ArrayList<>();
    cp.add(target);
    cp.addAll(Template.jars(target.resolve("lib")));
    return spec.withCode(target, cp);
  }

  /**
   * Fails with one line when no classpath entry holds the handler's class. Lambda itself reports
   * this as a {@code Runtime.BadFunctionCode} error of the first invocation.
   */
  static void checkHandlerClass(FunctionSpec spec) throws LocalInvokeException {
    String handler = spec.handler();
    int colons = handler.indexOf("::");
    String className = (colons < 0 ? handler : handler.substring(0, colons)).strip();
    String resource = className.replace('.', '/') + ".class";
    for (Path entry : spec.classpath()) {
      if (Files.isDirectory(entry)) {
        if (Files.isRegularFile(entry.resolve(resource))) {
          return;
        }
      } else if (Files.isRegularFile(entry)) {
        try (ZipFile jar = new ZipFile(entry.toFile())) {
          if (jar.getEntry(resource) != null) {
            return;
          }
        } catch (IOException e) {
          // not a readable jar: it cannot hold the class either
        }
      }
    }
    throw new LocalInvokeException(
        "function '"
            + spec.name()
            + "': handler class "
            + className
            + " not found in its code ("
            + (spec.classpath().isEmpty() ? "no classpath" : spec.classpath().get(0).toString())
            + (spec.classpath().size() > 1 ? " and " + (spec.classpath().size() - 1) + " more" : "")
            + "); check Handler in the template, and rebuild");
  }

  private static String oneLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("\\s*\\n\\s*", " ").strip();
  }
}
