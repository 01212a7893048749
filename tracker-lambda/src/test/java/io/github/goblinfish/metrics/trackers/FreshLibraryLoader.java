package io.github.goblinfish.metrics.trackers;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * A class loader with its own copy of the library's classes and of its tests' classes, none of them
 * loaded yet: code run through it shows which of the library's classes it loads, whatever the test
 * JVM has loaded before (class loading is once per loader). Everything else, the JDK, Gson and
 * JUnit among it, comes from the test's own loader.
 */
public final class FreshLibraryLoader extends URLClassLoader {
  private static final String LIBRARY = "io.github.goblinfish.metrics.trackers.";

  public FreshLibraryLoader() {
    super(
        new URL[] {location(ProcessTracker.class), location(FreshLibraryLoader.class)},
        FreshLibraryLoader.class.getClassLoader());
  }

  /**
   * Runs this loader's copy of {@code code}, a public class with a public no-argument constructor;
   * inside, {@code getClass().getClassLoader()} is this loader.
   */
  public void run(Class<? extends Runnable> code) throws ReflectiveOperationException {
    ((Runnable) loadClass(code.getName()).getConstructor().newInstance()).run();
  }

  /** The names of those of {@code classes} that this loader has not loaded, in their order. */
  public List<String> notLoaded(Class<?>... classes) {
    String[] names = new String[classes.length];
    for (int i = 0; i < classes.length; i++) {
      names[i] = classes[i].getName();
    }
    return notLoaded(names);
  }

  /** Those of the classes named that this loader has not loaded, in their order. */
  public List<String> notLoaded(String... names) {
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      if (findLoadedClass(name) == null) {
        missing.add(name);
      }
    }
    return missing;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.startsWith(LIBRARY) || name.equals(FreshLibraryLoader.class.getName())) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        try {
          loaded = findClass(name);
        } catch (ClassNotFoundException elsewhere) {
          return super.loadClass(name, resolve); // the test kit's classes, in their own jar
        }
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  private static URL location(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }
}
