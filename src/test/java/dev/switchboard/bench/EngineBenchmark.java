package dev.switchboard.bench;

import dev.switchboard.engine.ProcessStatus;
import dev.switchboard.engine.StackState;
import dev.switchboard.engine.StackStatus;
import dev.switchboard.engine.Supervisor;
import dev.switchboard.engine.SwitchboardHome;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine's figures (issue 3), measured with real processes on this machine and printed:
 * readiness latency, a 50-process serial chain against a bare loop, stopping 50 process trees,
 * idle CPU with 50 ready processes, and a child writing 2 GB to stdout.
 * Run with {@code mvn -B -Pbench verify} (see README), or one part: {@code -Dbench.only=latency}.
 */
public final class EngineBenchmark {
    private static final String ONLY = System.getProperty("bench.only", "");

    private final Path work;

    private EngineBenchmark(Path work) {
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("switchboard-bench");
        EngineBenchmark b = new EngineBenchmark(work);
        if (!(want("latency") || want("chain") || want("stop") || want("idle") || want("flood"))) {
            return;
        }
        System.out.printf(Locale.ROOT, "Switchboard engine benchmark — %d cores, %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        if (want("latency")) {
            b.readinessLatency(200);
        }
        if (want("chain")) {
            b.serialChain(50);
        }
        if (want("stop")) {
            b.stopTrees(50);
        }
        if (want("idle")) {
            b.idleCpu(50, Duration.ofSeconds(30));
        }
        if (want("flood")) {
            b.bigOutput(2_000_000_000L);
        }
    }

    private static boolean want(String part) {
        return ONLY.isEmpty() || Arrays.asList(ONLY.split(",")).contains(part);
    }

    private Supervisor supervisor(String name) throws Exception {
        Path home = Files.createDirectories(work.resolve(name));
        return new Supervisor(new SwitchboardHome(home.resolve("run"), home.resolve("state"), home.resolve("config")),
                Supervisor.Adoption.PERSIST_ONLY);
    }

    private Path stack(String name, String yaml) throws Exception {
        Path f = work.resolve(name + ".yaml");
        Files.writeString(f, "name: " + name + "\nprocesses:\n" + yaml);
        return f;
    }

    /** From the child creating its ready file to the engine's ready event. */
    private void readinessLatency(int launches) throws Exception {
        Path stamp = work.resolve("stamp");
        Path f = stack("latency", "  - name: p\n    command: [python3, -c, 'import sys,time,os; time.sleep(0.02); "
                + "t=time.time_ns(); open(sys.argv[2],\"w\").close(); open(\"" + stamp + "\",\"w\").write(str(t)); "
                + "time.sleep(1000)']\n    stop_timeout: 2s\n");
        List<Double> ms = new ArrayList<>();
        try (Supervisor s = supervisor("latency")) {
            s.open(f).get();
            for (int i = 0; i < launches; i++) {
                Files.deleteIfExists(stamp);
                StackStatus st = s.up("latency").get(30, TimeUnit.SECONDS);
                ProcessStatus p = st.process("p");
                // The child writes its stamp just after the ready file: the ready event may come first.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (!(Files.exists(stamp) && !Files.readString(stamp).isBlank()) && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(200_000);
                }
                long created = Long.parseLong(Files.readString(stamp).trim());
                Instant ready = p.readyAt();
                long readyNs = ready.getEpochSecond() * 1_000_000_000L + ready.getNano();
                ms.add((readyNs - created) / 1e6);
                s.down("latency", true).get(30, TimeUnit.SECONDS);
            }
        }
        ms.sort(Double::compare);
        System.out.printf(Locale.ROOT, "readiness latency over %d launches: p50 %.2f ms, p99 %.2f ms, max %.2f ms"
                + "   (goal: p50 <= 2 ms, p99 <= 20 ms)%n", launches, pct(ms, 50), pct(ms, 99), ms.getLast());
    }

    /** A chain of instantly-ready processes, supervised, against a bare spawn-wait-next loop. */
    private void serialChain(int n) throws Exception {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < n; i++) {
            yaml.append("  - name: p").append(i).append("\n    command: [sh, -c, 'touch \"$2\"; exec sleep 1000', sh]\n");
        }
        Path f = stack("chain", yaml.toString());
        // A supervisor runs for days: measure it warm, once the JIT has compiled both paths (with fewer
        // warm-up rounds its compiler threads are still busy and take a core from the chain).
        int warmup = Integer.getInteger("bench.chain.warmup", 30);
        int rounds = warmup + 10;
        long bare = Long.MAX_VALUE;
        long supervised = Long.MAX_VALUE;
        try (Supervisor s = supervisor("chain")) {
            s.open(f).get();
            for (int round = 0; round < rounds; round++) {
                long b = bareLoop(n);
                long t0 = System.nanoTime();
                StackStatus st = s.up("chain").get(120, TimeUnit.SECONDS);
                long sv = System.nanoTime() - t0;
                check(st.state() == StackState.READY, "chain did not get ready: " + st.reason());
                s.down("chain", true).get();
                if (round >= warmup) {
                    bare = Math.min(bare, b);
                    supervised = Math.min(supervised, sv);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d-process serial chain (best of %d rounds after %d warm-up rounds): supervised %.0f ms, "
                        + "bare loop %.0f ms, ratio %.2f   (goal: <= 1.5)%n", n, rounds - warmup, warmup, supervised / 1e6, bare / 1e6,
                (double) supervised / bare);
    }

    private long bareLoop(int n) throws Exception {
        Path dir = Files.createDirectories(work.resolve("bare"));
        List<Process> started = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < n; i++) {
                Path ready = dir.resolve("r" + i);
                started.add(new ProcessBuilder("setsid", "sh", "-c", "touch \"$2\"; exec sleep 1000", "sh",
                        "--ready-file", ready.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start());
                while (!Files.exists(ready)) {
                    LockSupport.parkNanos(100_000);
                }
            }
            return System.nanoTime() - t0;
        } finally {
            started.forEach(Process::destroyForcibly);
        }
    }

    /** Fifty SIGTERM-honouring processes, each with a grandchild: time from stop to all gone. */
    private void stopTrees(int n) throws Exception {
        StringBuilder yaml = new StringBuilder("  - parallel:\n");
        for (int i = 0; i < n; i++) {
            yaml.append("      - name: t").append(i)
                    .append("\n        command: [sh, -c, 'sleep 1000 & touch \"$SWITCHBOARD_READY_FILE\"; wait']\n");
        }
        Path f = stack("trees", yaml.toString());
        try (Supervisor s = supervisor("trees")) {
            s.open(f).get();
            StackStatus st = s.up("trees").get(60, TimeUnit.SECONDS);
            check(st.state() == StackState.READY, "trees did not get ready: " + st.reason());
            long t0 = System.nanoTime();
            StackStatus down = s.down("trees", true).get(60, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long alive = st.processes().stream().filter(p -> ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive)
                    .orElse(false)).count();
            System.out.printf(Locale.ROOT, "stopping %d process trees (leader + grandchild each): all gone in %d ms, "
                    + "%d leaders alive, stack %s   (goal: < 1000 ms)%n", n, ms, alive, down.state().id());
        }
    }

    /** CPU the supervisor's JVM uses while 50 processes sit ready. */
    private void idleCpu(int n, Duration window) throws Exception {
        StringBuilder yaml = new StringBuilder("  - parallel:\n");
        for (int i = 0; i < n; i++) {
            yaml.append("      - name: i").append(i)
                    .append("\n        command: [sh, -c, 'touch \"$SWITCHBOARD_READY_FILE\"; exec sleep 1000']\n");
        }
        Path f = stack("idle", yaml.toString());
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Supervisor s = supervisor("idle")) {
            s.open(f).get();
            check(s.up("idle").get(60, TimeUnit.SECONDS).state() == StackState.READY, "idle stack not ready");
            Thread.sleep(2_000); // let start-up work (JIT, GC) settle before measuring
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            Thread.sleep(window.toMillis());
            double pct = 100.0 * (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - t0);
            System.out.printf(Locale.ROOT, "idle supervisor with %d ready processes: %.3f %% of one core over %d s"
                    + "   (goal: < 1 %%)%n", n, pct, window.toSeconds());
            s.down("idle", true).get();
        }
    }

    /** A child writing lots of output: its speed supervised against writing to a file alone. */
    private void bigOutput(long bytes) throws Exception {
        String line = "2026-11-22 12:00:00.000 INFO  hub: frame 123456 encoded in 4.2 ms for 3 clients";
        Path plain = work.resolve("plain.log");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("sh", "-c", "yes '" + line + "' | head -c " + bytes + " > " + plain).start();
        check(p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0, "unsupervised writer failed");
        long alone = System.nanoTime() - t0;
        Files.deleteIfExists(plain);

        Path done = work.resolve("done");
        Path f = stack("flood", "  - name: writer\n    command: [sh, -c, 'touch \"$SWITCHBOARD_READY_FILE\"; "
                + "yes \"" + line + "\" | head -c " + bytes + "; touch " + done + "; exec sleep 1000']\n");
        Runtime rt = Runtime.getRuntime();
        try (Supervisor s = supervisor("flood")) {
            s.open(f).get();
            System.gc();
            long heap0 = rt.totalMemory() - rt.freeMemory();
            long maxHeap = heap0;
            long t1 = System.nanoTime();
            s.up("flood").get(60, TimeUnit.SECONDS);
            while (!Files.exists(done)) {
                maxHeap = Math.max(maxHeap, rt.totalMemory() - rt.freeMemory());
                Thread.sleep(50);
            }
            long supervised = System.nanoTime() - t1;
            System.gc();
            long heap1 = rt.totalMemory() - rt.freeMemory();
            System.out.printf(Locale.ROOT, "child writing %.1f GB to stdout: %.2f s supervised, %.2f s alone "
                            + "→ %.0f %% of its speed; supervisor heap %d MB before, %d MB after, %d MB peak"
                            + "   (goal: >= 90 %%, heap flat)%n", bytes / 1e9, supervised / 1e9, alone / 1e9,
                    100.0 * alone / supervised, heap0 >> 20, heap1 >> 20, maxHeap >> 20);
            s.down("flood", true).get();
        }
    }

    private static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
