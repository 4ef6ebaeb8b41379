package dev.switchboard.daemon;

import dev.switchboard.Launcher;
import dev.switchboard.engine.SwitchboardHome;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Starts the supervisor service in the background. The service must not belong to whoever asked
 * for it: it runs through {@code setsid} in a session of its own, with stdin from /dev/null and its
 * output appended to {@code supervisor.log}, so neither a closing terminal, Ctrl-C, nor the exit of
 * the GUI or CLI that started it reaches it.
 */
final class DaemonLauncher {

    /** How long a freshly started service may take to answer. */
    static final Duration START_DEADLINE = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 20;

    private DaemonLauncher() {
    }

    /** Starts a service and connects to it (or to whichever service won a race to start). */
    static SupervisorClient startAndConnect(SwitchboardHome home) throws ServiceUnavailableException {
        Path log = SupervisorDaemon.logFile(home);
        Process process;
        try {
            SwitchboardHome.ensurePrivateDir(home.runtimeDir());
            SwitchboardHome.ensurePrivateDir(home.stateDir());
            ProcessBuilder builder = new ProcessBuilder(command())
                    .directory(home.stateDir().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true);
            // jpackage's launcher marks its children with this; a launcher that inherits it takes its
            // arguments as a java command line and looks for a main class named "daemon"
            builder.environment().remove("_JPACKAGE_LAUNCHER");
            // tests name their private home with a system property; the service only sees its environment
            SwitchboardHome.override().ifPresent(root -> builder.environment().put("SWITCHBOARD_HOME", root.toString()));
            process = builder.start();
        } catch (IOException e) {
            throw new ServiceUnavailableException("could not start the supervisor service: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        ServiceUnavailableException last = null;
        while (System.nanoTime() < deadline) {
            try {
                return SupervisorClient.connect(home);
            } catch (ServiceUnavailableException e) {
                last = e;
            }
            if (!process.isAlive() && !anotherServiceStarting(home, process.pid())) {
                String why = lastLine(log).map(line -> line.replaceFirst("^switchboard: ", ""))
                        .orElse("exit code " + process.exitValue());
                throw new ServiceUnavailableException("the supervisor service exited while starting: " + why
                        + " (see " + log + ")", last);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceUnavailableException("interrupted while waiting for the supervisor service", e);
            }
        }
        throw new ServiceUnavailableException("the supervisor service did not answer within "
                + START_DEADLINE.toSeconds() + " s" + lastLine(log).map(line -> "; its log ends with: " + line).orElse("")
                + " (see " + log + ")", last);
    }

    /**
     * The command that runs {@code switchboard daemon}: the same java with the same class path and
     * the JVM options that matter, or the packaged launcher itself when this is not a plain java.
     */
    static List<String> command() {
        String self = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of("setsid", serviceLauncher(self)));
        if (Path.of(self).getFileName().toString().equals("java")) {
            command.add("--enable-native-access=ALL-UNNAMED");
            // a long-lived, mostly idle service: the small collector keeps its footprint small
            command.add("-XX:+UseSerialGC");
            // Its work is plain I/O and text: C1 compiles it in moments, where C2 took most of a core
            // for a second or two whenever log floods started, next to the very processes it supervises.
            command.add("-XX:TieredStopAtLevel=1");
            String cds = System.getProperty("switchboard.cds");
            if (cds != null) {
                // the service's own class-data archive (see packaging/switchboard.sh): a faster cold start
                command.add("-XX:+AutoCreateSharedArchive");
                command.add("-XX:SharedArchiveFile=" + Path.of(cds, "daemon.jsa"));
                command.add("-Xlog:cds=off");
                command.add("-Xlog:cds+dynamic=off");
                command.add("-Dswitchboard.cds=" + cds);
            }
            for (String property : List.of("javafx.cachedir", "switchboard.stacks")) {
                String value = System.getProperty(property);
                if (value != null) {
                    command.add("-D" + property + "=" + value);
                }
            }
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(Launcher.class.getName());
        }
        command.add("daemon");
        return command;
    }

    /**
     * The installed packages carry the service's own launcher next to the main one,
     * {@code switchboard-service}, whose JVM options suit the service (packaging/package.sh); use it
     * when it is there. A plain {@code java} is used as it is.
     */
    static String serviceLauncher(String self) {
        Path path = Path.of(self);
        if (path.getFileName().toString().equals("java") || path.getParent() == null) {
            return self;
        }
        Path service = path.resolveSibling(path.getFileName() + "-service");
        return java.nio.file.Files.isExecutable(service) ? service.toString() : self;
    }

    /** True when the service we started lost a race: another live process holds the lock. */
    private static boolean anotherServiceStarting(SwitchboardHome home, long ourPid) {
        OptionalLong holder = ServiceLock.holderPid(SupervisorDaemon.lockFile(home));
        return holder.isPresent() && holder.getAsLong() != ourPid
                && ProcessHandle.of(holder.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The last non-blank line of the service's log, which says why it stopped if it did. */
    private static Optional<String> lastLine(Path log) {
        try (FileChannel file = FileChannel.open(log)) {
            long size = file.size();
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(size, 4096));
            file.read(tail, size - tail.capacity());
            String[] lines = new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8).split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                if (!lines[i].isBlank()) {
                    return Optional.of(lines[i].strip());
                }
            }
        } catch (IOException e) {
            // no log to quote
        }
        return Optional.empty();
    }
}
