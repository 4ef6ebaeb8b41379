package dev.switchboard.engine;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a launched process inherits from the supervisor's own environment, minus what the
 * installed launcher (jpackage) added for the supervisor itself: {@code _JPACKAGE_LAUNCHER}, which
 * would make another packaged launcher misread its arguments, and the app's own folder (and the
 * empty entry, meaning "the current folder") in {@code LD_LIBRARY_PATH}.
 */
final class InheritedEnvironment {
    /** The supervisor's environment never changes while it runs: cleaned once. */
    private static final Map<String, String> BASE = base();

    private InheritedEnvironment() {
    }

    /** The supervisor's environment, cleaned, with {@code additions} on top: what a launch gets. */
    static Map<String, String> with(Map<String, String> additions) {
        Map<String, String> env = new java.util.HashMap<>(BASE);
        env.putAll(additions);
        return env;
    }

    private static Map<String, String> base() {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        clean(env);
        return Map.copyOf(env);
    }

    /** Removes the launcher's additions from {@code env} in place. */
    static void clean(Map<String, String> env) {
        env.remove("_JPACKAGE_LAUNCHER");
        String appPath = System.getProperty("jpackage.app-path");
        String libraryPath = env.get("LD_LIBRARY_PATH");
        if (appPath == null || libraryPath == null) {
            return;
        }
        Path appRoot = Path.of(appPath).toAbsolutePath().getParent().getParent();
        String kept = Arrays.stream(libraryPath.split(":"))
                .filter(entry -> !entry.isEmpty() && !Path.of(entry).toAbsolutePath().startsWith(appRoot))
                .collect(Collectors.joining(":"));
        if (kept.isEmpty()) {
            env.remove("LD_LIBRARY_PATH");
        } else {
            env.put("LD_LIBRARY_PATH", kept);
        }
    }
}
