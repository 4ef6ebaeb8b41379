package dev.switchboard.daemon;

import dev.switchboard.engine.SwitchboardHome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The supervisor service's figures, measured against a real service in a private
 * SWITCHBOARD_HOME: how long {@code status} takes when no service runs (the service is started
 * on demand), and the p50/p99 of a status round trip to a running service. Goals: under 2 s and
 * under 5 ms. Also times the whole {@code switchboard status} command when target/bin/switchboard
 * exists. Run: {@code java -cp target/classes:target/test-classes:<deps> dev.switchboard.daemon.StatusBenchmark [ROUNDS]}.
 */
public final class StatusBenchmark {
    private StatusBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String only = System.getProperty("bench.only", "");
        if (!only.isEmpty() && !Arrays.asList(only.split(",")).contains("service")) {
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        System.out.printf(Locale.ROOT, "Switchboard supervisor service benchmark — %d cores, %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        Path root = Files.createTempDirectory("sb-bench");
        System.setProperty("switchboard.home", root.toString());
        SwitchboardHome home = SwitchboardHome.fromEnvironment();
        try {
            long began = System.nanoTime();
            try (SupervisorClient client = SupervisorClient.connectOrStart(home)) {
                client.status().get(10, TimeUnit.SECONDS);
                double cold = (System.nanoTime() - began) / 1e6;
                System.out.printf(Locale.ROOT, "status with no service running (starts one): %.0f ms  (goal < 2000 ms)%n", cold);

                client.open(writeStack(root, 20)).get(10, TimeUnit.SECONDS);
                for (int i = 0; i < Math.min(rounds, 1000); i++) {
                    client.status().get();
                }
                long[] nanos = new long[rounds];
                for (int i = 0; i < rounds; i++) {
                    long t = System.nanoTime();
                    client.status().get();
                    nanos[i] = System.nanoTime() - t;
                }
                Arrays.sort(nanos);
                System.out.printf(Locale.ROOT, "status round trip, 1 stack of 20 processes, %d rounds: p50 %.3f ms, p99 %.3f ms,"
                                + " max %.3f ms  (goal p50 < 5 ms)%n", rounds, nanos[rounds / 2] / 1e6,
                        nanos[(int) (rounds * 0.99)] / 1e6, nanos[rounds - 1] / 1e6);
                client.shutdownService().get(10, TimeUnit.SECONDS);
                client.disconnected().get(10, TimeUnit.SECONDS);
            }
            timeCommand(root);
        } finally {
            deleteTree(root);
        }
    }

    /** A stack the status carries (its processes are never started: the payload is what matters). */
    private static Path writeStack(Path dir, int processes) throws IOException {
        StringBuilder yaml = new StringBuilder("name: bench\nprocesses:\n");
        for (int i = 0; i < processes; i++) {
            yaml.append("  - {name: p").append(i).append(", command: [sleep, '1000'], ready: started}\n");
        }
        return Files.writeString(dir.resolve("bench.yaml"), yaml);
    }

    /** The user's view: the whole CLI, JVM start included, against no running service. */
    private static void timeCommand(Path root) throws Exception {
        Path launcher = Path.of("target", "bin", "switchboard");
        if (!Files.isExecutable(launcher)) {
            System.out.println("(skipped timing 'switchboard status': run 'mvn -DskipTests package' to build target/bin/switchboard)");
            return;
        }
        Path home = Files.createDirectories(root.resolve("cli"));
        ProcessBuilder status = new ProcessBuilder(launcher.toString(), "status")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        status.environment().put("SWITCHBOARD_HOME", home.toString());
        long began = System.nanoTime();
        int code = status.start().waitFor();
        double ms = (System.nanoTime() - began) / 1e6;
        System.out.printf(Locale.ROOT, "'switchboard status' with no service running, whole command: %.0f ms (exit %d)%n", ms, code);
        ProcessBuilder stop = new ProcessBuilder(launcher.toString(), "daemon", "stop")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        stop.environment().put("SWITCHBOARD_HOME", home.toString());
        stop.start().waitFor();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
