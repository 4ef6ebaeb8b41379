package dev.switchboard.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where Switchboard keeps its files (CONTRACT section 6): the runtime folder (socket), the
 * state folder (journal, logs, ready files) and the config folder (user stacks).
 * {@code SWITCHBOARD_HOME=DIR} puts all of them under DIR.
 */
public record SwitchboardHome(Path runtimeDir, Path stateDir, Path configDir) {

    /**
     * Resolves the folders from the process environment. The system property {@code switchboard.home}
     * (used by tests that run commands in-process) takes precedence over {@code SWITCHBOARD_HOME}.
     */
    public static SwitchboardHome fromEnvironment() {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        String property = System.getProperty("switchboard.home");
        if (property != null && !property.isBlank()) {
            env.put("SWITCHBOARD_HOME", property);
        }
        return from(env, System.getProperty("user.home"));
    }

    /** The root folder when {@code SWITCHBOARD_HOME} (or the property) is set, to pass on to child processes. */
    public static java.util.Optional<Path> override() {
        String property = System.getProperty("switchboard.home");
        String value = property != null && !property.isBlank() ? property : System.getenv("SWITCHBOARD_HOME");
        return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(Path.of(value).toAbsolutePath());
    }

    /** Resolves the folders from the given environment and home folder. */
    public static SwitchboardHome from(Map<String, String> env, String userHome) {
        String home = env.get("SWITCHBOARD_HOME");
        if (home != null && !home.isBlank()) {
            Path root = Path.of(home).toAbsolutePath();
            return new SwitchboardHome(root.resolve("run"), root.resolve("state"), root.resolve("config"));
        }
        Path runtime = nonBlank(env.get("XDG_RUNTIME_DIR"))
                ? Path.of(env.get("XDG_RUNTIME_DIR"), "switchboard")
                : Path.of("/tmp", "switchboard-" + uid());
        Path state = nonBlank(env.get("XDG_STATE_HOME"))
                ? Path.of(env.get("XDG_STATE_HOME"), "switchboard")
                : Path.of(userHome, ".local", "state", "switchboard");
        Path config = nonBlank(env.get("XDG_CONFIG_HOME"))
                ? Path.of(env.get("XDG_CONFIG_HOME"), "switchboard")
                : Path.of(userHome, ".config", "switchboard");
        return new SwitchboardHome(runtime, state, config);
    }

    /** Folder of per-process log files. */
    public Path logsDir() {
        return stateDir.resolve("logs");
    }

    /** Folder of the journal of launched processes. */
    public Path journalDir() {
        return stateDir.resolve("journal");
    }

    /** Folder of ready files (fresh names per launch). */
    public Path readyDir() {
        return stateDir.resolve("ready");
    }

    /** The user's own stack files. */
    public Path userStacksDir() {
        return configDir.resolve("stacks");
    }

    /** The supervisor's socket. */
    public Path socket() {
        return runtimeDir.resolve("supervisor.sock");
    }

    /** Creates a folder (and parents) readable only by the user. */
    public static Path ensurePrivateDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String uid() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return String.valueOf(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return System.getProperty("user.name", "user");
        }
    }
}
