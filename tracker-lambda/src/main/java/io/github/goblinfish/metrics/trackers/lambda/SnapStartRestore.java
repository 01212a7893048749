package io.github.goblinfish.metrics.trackers.lambda;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

/**
 * Runs an action after each SnapStart restore, through the {@code org.crac} API when the function
 * ships it ({@code org.crac:crac}, which Lambda's SnapStart documentation recommends for runtime
 * hooks). It is found by reflection, so the library needs no such dependency: without it, nothing
 * is registered and the cold-start flag is as the snapshot left it.
 */
final class SnapStartRestore {
  /** Held here: a CRaC context may keep its resources only weakly. */
  private static volatile Object registered;

  private SnapStartRestore() {}

  /** Registers {@code afterRestore} with CRaC's global context; returns whether it could. */
  static boolean register(Runnable afterRestore) {
    try {
      ClassLoader loader = SnapStartRestore.class.getClassLoader();
      Class<?> core = Class.forName("org.crac.Core", true, loader);
      Object context = core.getMethod("getGlobalContext").invoke(null);
      return register(afterRestore, context, loader);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException noCrac) {
      return false;
    }
  }

  /** Registers {@code afterRestore} with {@code context}, an {@code org.crac.Context}. */
  static boolean register(Runnable afterRestore, Object context, ClassLoader loader) {
    try {
      Class<?> resource = Class.forName("org.crac.Resource", true, loader);
      InvocationHandler handler =
          (proxy, method, args) -> {
            switch (method.getName()) {
              case "afterRestore":
                afterRestore.run();
                return null;
              case "equals":
                return proxy == args[0];
              case "hashCode":
                return System.identityHashCode(proxy);
              case "toString":
                return "tracker-lambda cold start after restore";
              default:
                return null;
            }
          };
      Object hook = Proxy.newProxyInstance(loader, new Class<?>[] {resource}, handler);
      Class.forName("org.crac.Context", true, loader)
          .getMethod("register", resource)
          .invoke(context, hook);
      registered = hook;
      return true;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException noCrac) {
      return false;
    }
  }

  /** The hook last registered, or null; tests only. */
  static Object registered() {
    return registered;
  }
}
