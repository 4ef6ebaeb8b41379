package dev.switchboard;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs packaging/switchboard.sh with fake {@code java} programs that report a version and echo
 * their arguments, so the test sees exactly which java the script picks and how it calls it.
 */
class LauncherScriptTest {
    @TempDir
    Path dir;

    private Path script;

    @BeforeEach
    void layOutAnInstallation() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("app/bin"));
        Files.createDirectories(dir.resolve("app/lib"));
        script = bin.resolve("switchboard");
        Files.copy(Path.of("packaging/switchboard.sh"), script);
        executable(script);
    }

    /** A fake java that reports {@code version} and prints who it is and its arguments, one a line. */
    private Path fakeJava(String folder, String version) throws IOException {
        Path java = Files.createDirectories(dir.resolve(folder)).resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                if [ -n "$JAVA_TOOL_OPTIONS" ]; then echo "Picked up JAVA_TOOL_OPTIONS: $JAVA_TOOL_OPTIONS" >&2; fi
                if [ "$1" = -version ]; then echo 'openjdk version "%s" 2025-10-21' >&2; exit 0; fi
                echo "java=$0"
                printf '%%s\\n' "$@"
                """.formatted(version));
        executable(java);
        return java;
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Result(int code, List<String> lines) {
    }

    private Result run(Path launcher, Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("HOME", dir.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "launcher did not finish");
            return new Result(p.exitValue(), out.lines().toList());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void runsTheLauncherClassWithNativeAccessCacheFolderStacksAndArgumentsIntact() throws Exception {
        Path java = fakeJava("jdk25/bin", "25.0.1");
        Files.createDirectories(dir.resolve("stacks"));
        Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("links")).resolve("sb"), script);

        Result r = run(link, Map.of("JAVA_HOME", dir.resolve("jdk25").toString(),
                "XDG_CACHE_HOME", dir.resolve("cache").toString()), "validate", "my stack.yaml");

        Path realBin = script.getParent().toRealPath();
        assertEquals(0, r.code(), r.lines()::toString);
        assertEquals(List.of("java=" + java,
                "--enable-native-access=ALL-UNNAMED",
                "-Djavafx.cachedir=" + dir.resolve("cache/switchboard/javafx"),
                "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + dir.resolve("cache/switchboard/cds/cli.jsa"),
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-Dswitchboard.cds=" + dir.resolve("cache/switchboard/cds"),
                "-Dswitchboard.stacks=" + dir.resolve("stacks").toRealPath(),
                "-cp", realBin + "/../lib/*",
                "dev.switchboard.Launcher", "validate", "my stack.yaml"), r.lines());
    }

    @Test
    void skipsAnOldJavaHomeForANewEnoughJavaOnPath() throws Exception {
        fakeJava("jdk17/bin", "17.0.15");
        Path onPath = fakeJava("path", "25");

        Result r = run(script, Map.of("JAVA_HOME", dir.resolve("jdk17").toString(),
                "PATH", dir.resolve("path") + ":/usr/bin:/bin"), "--version");

        assertEquals("java=" + onPath, r.lines().getFirst());
        assertFalse(r.lines().stream().anyMatch(l -> l.startsWith("-Dswitchboard.stacks")),
                "no stacks folder two levels up, so no stacks property");
        assertTrue(r.lines().contains("-Djavafx.cachedir=" + dir.resolve(".cache/switchboard/javafx")),
                "the cache folder falls back to $HOME/.cache");
    }

    @Test
    void readsTheVersionPastThePickedUpToolOptionsLine() throws Exception {
        Path jdk = fakeJava("jdk25/bin", "25.0.3");

        Result r = run(script, Map.of("JAVA_HOME", dir.resolve("jdk25").toString(),
                "JAVA_TOOL_OPTIONS", "-Dsomething=1"), "--version");

        assertTrue(r.lines().contains("java=" + jdk), r.lines()::toString);
    }

    @Test
    void treatsJavaEightAsTooOld() throws Exception {
        fakeJava("jdk8/bin", "1.8.0_392");
        Path onPath = fakeJava("path", "26-ea");

        Result r = run(script, Map.of("JAVA_HOME", dir.resolve("jdk8").toString(),
                "PATH", dir.resolve("path") + ":/usr/bin:/bin"));

        assertEquals("java=" + onPath, r.lines().getFirst());
    }
}
