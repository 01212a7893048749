package io.github.goblinfish.metrics.trackers.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds the runtime interface client's jars, which the build copies next to the runner
 * ({@code local-invoke/target/runtime}) so the function never sees the runner's own dependencies.
 */
final class RuntimeClientJars {
    static final String PROPERTY = "local-invoke.runtime";
    static final String ENV = "LOCAL_INVOKE_RUNTIME";
    static final String RIC_PREFIX = "aws-lambda-java-runtime-interface-client";

    private RuntimeClientJars() {
    }

    static Path directory() throws LocalInvokeException {
        String configured = System.getProperty(PROPERTY, System.getenv(ENV));
        if (configured != null && !configured.isBlank()) {
            return check(Path.of(configured));
        }
        Path home = ownLocation();
        // target/classes/ (a directory) or target/<artifact>.jar: either way target/runtime is a sibling.
        Path candidate = home == null ? null : home.getParent().resolve("runtime");
        if (candidate == null) {
            throw new LocalInvokeException("cannot locate the runtime client jars; set -D" + PROPERTY + "=<dir>");
        }
        return check(candidate);
    }

    private static Path check(Path dir) throws LocalInvokeException {
        if (!Files.isDirectory(dir) || ricJar(dir) == null) {
            throw new LocalInvokeException("runtime client jars not found in " + dir
                    + "; run ./mvnw -B package -DskipTests first");
        }
        return dir;
    }

    private static Path ownLocation() {
        CodeSource source = RuntimeClientJars.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    static List<Path> jars(Path dir) throws LocalInvokeException {
        return Template.jars(dir);
    }

    static Path ricJar(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(RIC_PREFIX)
                    && f.getFileName().toString().endsWith(".jar")).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Copies the client's JNI library out of its jar into {@code target}. The client would otherwise
     * unpack it to the fixed path /tmp/.libaws-lambda-jni.so, which concurrent runs overwrite while
     * another JVM is loading it; its NativeClient.JNI property makes it load ours instead.
     */
    static Path extractJni(Path runtimeDir, Path target) throws LocalInvokeException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            throw new LocalInvokeException("the runtime client's native library exists for Linux only (this is "
                    + System.getProperty("os.name") + ")");
        }
        String arch = System.getProperty("os.arch", "");
        String cpu = arch.equals("aarch64") || arch.equals("arm64") ? "aarch_64" : "x86_64";
        String entryName = "jni/libaws-lambda-jni." + (musl() ? "linux_musl-" : "linux-") + cpu + ".so";
        Path ric = ricJar(runtimeDir);
        try (ZipFile zip = new ZipFile(ric.toFile())) {
            ZipEntry entry = zip.getEntry(entryName);
            if (entry == null) {
                throw new LocalInvokeException(ric + " has no " + entryName);
            }
            Path lib = target.resolve("libaws-lambda-jni.so");
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
            }
            return lib;
        } catch (IOException e) {
            throw new LocalInvokeException("cannot extract the runtime client's JNI library: " + e.getMessage(), e);
        }
    }

    private static boolean musl() {
        try (Stream<Path> files = Files.list(Path.of("/lib"))) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("ld-musl"));
        } catch (IOException e) {
            return false;
        }
    }
}
