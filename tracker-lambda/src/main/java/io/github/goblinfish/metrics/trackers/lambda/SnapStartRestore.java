package io.github.goblinfish.metrics.trackers.lambda;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

/**
 * Runs an action after each SnapStart restore, through the runtime hooks Lambda documents for
 * SnapStart: the Lambda runtime client's own {@code com.amazonaws.services.lambda.crac} API, which
 * it calls around the snapshot, and {@code org.crac} when the function ships it. Both are found by
 * reflection, so the library needs neither: where neither is present, nothing is registered and the
 * cold-start flag is as the snapshot left it.
 */
final class SnapStartRestore {
  private static final String[] CRAC_PACKAGES = {"com.amazonaws.services.lambda.crac", "org.crac"};

  /** Held here: a CRaC context may keep its resources only weakly. */
  private static final java.util.List<Object> REGISTERED =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private SnapStartRestore() {}

  /** Registers {@code afterRestore} with every CRaC global context present; how many took it. */
  static int register(Runnable afterRestore) {
    ClassLoader loader = SnapStartRestore.class.getClassLoader();
    int registered = 0;
    for (String cracPackage : CRAC_PACKAGES) {
      try {
        Class<?> core = Class.forName(cracPackage + ".Core", true, loader);
        Object context = core.getMethod("getGlobalContext").invoke(null);
        if (register(afterRestore, context, loader, cracPackage)) {
          registered++;
        }
      } catch (ReflectiveOperationException | LinkageError | RuntimeException absent) {
        // That API is not there: nothing to register with.
      }
    }
    return registered;
  }

  /** Registers {@code afterRestore} with {@code context}, a {@code Context} of that package. */
  static boolean register(
      Runnable afterRestore, Object context, ClassLoader loader, String cracPackage) {
    try {
      Class<?> resource = Class.forName(cracPackage + ".Resource", true, loader);
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
      Class.forName(cracPackage + ".Context", true, loader)
          .getMethod("register", resource)
          .invoke(context, hook);
      REGISTERED.add(hook);
      return true;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException absent) {
      return false;
    }
  }

  /** How many hooks were registered; tests only. */
  static int registeredCount() {
    return REGISTERED.size();
  }
}
