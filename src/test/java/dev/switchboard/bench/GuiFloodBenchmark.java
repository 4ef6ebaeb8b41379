package dev.switchboard.bench;

import dev.switchboard.daemon.SupervisorClient;
import dev.switchboard.engine.StackControl;
import dev.switchboard.engine.Supervisor;
import dev.switchboard.engine.SwitchboardHome;
import dev.switchboard.model.StackLoader;
import dev.switchboard.ui.AppConfig;
import dev.switchboard.ui.SwitchboardApp;
import dev.switchboard.ui.logs.LogEntry;
import dev.switchboard.ui.stack.StackViewModel;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The control panel under a log flood (issue 5): the real window (headless glass platform), talking to
 * the supervisor service as installed (or to an in-process one with {@code -Dbench.gui.engine=inprocess}), runs {@code stacks/bench-flood.yaml} — ten processes writing 20,000 lines/s each
 * for 20 s — with the merged stack log shown, and prints the largest gap between FX pulses, how late the
 * newest line on screen is behind its write time (every line carries {@code t=epoch millis}), and the
 * peak heap. Run with {@code mvn -B -Pbench verify -Dbench.only=gui}.
 */
public final class GuiFloodBenchmark {
    private static final String ONLY = System.getProperty("bench.only", "");
    private static final String STACK = "bench-flood";
    private static final long MEASURE_MILLIS = 20_000;
    /** The flood ends about 20 s after the processes start; lag is only meaningful while lines still come. */
    private static final long LAG_WINDOW_MILLIS = 19_000;
    private static final long GAP_GOAL_MS = 100;
    private static final long LAG_GOAL_MS = 250;
    private static final long HEAP_GOAL_MB = 512;
    /** The figures are also given without the first seconds, when the floods start and the JIT warms up. */
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final Pattern WRITTEN_AT = Pattern.compile(" t=(\\d{13}) ");

    private final long[] lags = new long[20_000];
    private int lagCount;
    /** Index in {@link #lags} of the first sample after {@link #SETTLE_NANOS}, or -1. */
    private int settledLag = -1;
    private long maxGapSettled;
    private int gapsOverSettled;
    private int framesWithoutLine;
    private long lastPulse;
    private long maxGapNanos;
    private int gapsOver;
    private long pulses;
    private long firstPulse;
    private final StringBuilder gapsAt = new StringBuilder();
    private volatile long lagUntil;

    public static void main(String[] args) throws Exception {
        if (!ONLY.isEmpty() && !Arrays.asList(ONLY.split(",")).contains("gui")) {
            return;
        }
        int code = new GuiFloodBenchmark().run();
        System.exit(code);
    }

    private int run() throws Exception {
        Path root = Files.createTempDirectory("switchboard-guibench");
        SwitchboardHome home = SwitchboardHome.from(Map.of("SWITCHBOARD_HOME", root.toString()), root.toString());
        Path stacks = Path.of("stacks").toAbsolutePath();
        Path file = stacks.resolve(STACK + ".yaml");
        // As installed: the window talks to the supervisor service, a JVM of its own. With
        // -Dbench.gui.engine=inprocess the engine runs inside the window's JVM instead.
        boolean inProcess = "inprocess".equals(System.getProperty("bench.gui.engine"));
        StackControl supervisor;
        if (inProcess) {
            supervisor = new Supervisor(home);
        } else {
            System.setProperty("switchboard.home", root.toString());
            supervisor = SupervisorClient.connectOrStart(SwitchboardHome.fromEnvironment());
        }
        AppConfig config = new AppConfig(() -> supervisor, false, StackLoader::load, home, stacks, file,
                inProcess ? "in-process supervisor" : "supervisor service", false, false, null);
        System.out.println("engine: " + (inProcess ? "in this JVM" : "the supervisor service (its own JVM)"));
        System.out.printf(Locale.ROOT, "Switchboard GUI flood benchmark — %d cores, %s, max heap %d MB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"),
                Runtime.getRuntime().maxMemory() >> 20);

        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        SwitchboardApp app = new SwitchboardApp(config);
        onFx(() -> {
            app.start(new Stage());
            return null;
        });
        try {
            await("the stack is opened", () -> {
                StackViewModel s = app.viewModel().selectedStackProperty().get();
                return s != null && s.isOpened() && s.name().equals(STACK);
            });
            onFx(() -> {
                app.viewModel().logWholeStackProperty().set(true);
                install(app);
                return null;
            });

            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            AtomicLong peakHeap = new AtomicLong();
            AtomicLong peakLive = new AtomicLong();
            List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null).toList();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("heap-sampler").factory());
            sampler.scheduleAtFixedRate(() -> {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                // what the last collection of each pool left: the live set, without garbage not yet collected
                peakLive.accumulateAndGet(heapPools.stream().mapToLong(p -> p.getCollectionUsage().getUsed()).sum(), Math::max);
            }, 0, 500, TimeUnit.MILLISECONDS);

            long t0 = System.nanoTime();
            supervisor.up(STACK).get(60, TimeUnit.SECONDS);
            long readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            onFx(() -> {
                resetPulses();
                return null;
            });
            lagUntil = System.currentTimeMillis() + LAG_WINDOW_MILLIS;
            Thread.sleep(MEASURE_MILLIS); // the measurement itself: the flood runs for this long
            sampler.shutdownNow();
            long[] lagged = onFx(() -> Arrays.copyOf(lags, lagCount));
            long[] pulse = onFx(() -> new long[]{pulses, TimeUnit.NANOSECONDS.toMillis(maxGapNanos), gapsOver, framesWithoutLine});
            report(readyMillis, lagged, pulse, peakHeap.get() >> 20, peakLive.get() >> 20);
            long[] settled = onFx(() -> Arrays.copyOfRange(lags, Math.max(0, settledLag), lagCount));
            long[] settledGaps = onFx(() -> new long[]{TimeUnit.NANOSECONDS.toMillis(maxGapSettled), gapsOverSettled});
            Arrays.sort(settled);
            System.out.printf(Locale.ROOT, "  after the first %d s: largest gap %d ms, %d gaps > 100 ms, lag p50 %d ms, p99 %d ms, max %d ms%n",
                    TimeUnit.NANOSECONDS.toSeconds(SETTLE_NANOS), settledGaps[0], settledGaps[1], percentile(settled, 50),
                    percentile(settled, 99), settled.length == 0 ? -1 : settled[settled.length - 1]);
            String gaps = onFx(gapsAt::toString);
            if (!gaps.isEmpty()) {
                System.out.println("  gaps > 100 ms at (since the stack was ready):" + gaps);
            }
            return 0;
        } finally {
            stopEverything(app, supervisor);
        }
    }

    /** Counts pulses (AnimationTimer) and, after each layout, reads the newest line the log view shows. */
    private void install(SwitchboardApp app) {
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (lastPulse != 0) {
                    long gap = now - lastPulse;
                    maxGapNanos = Math.max(maxGapNanos, gap);
                    if (now - firstPulse > SETTLE_NANOS) {
                        maxGapSettled = Math.max(maxGapSettled, gap);
                        if (gap > TimeUnit.MILLISECONDS.toNanos(GAP_GOAL_MS)) {
                            gapsOverSettled++;
                        }
                        if (settledLag < 0) {
                            settledLag = lagCount;
                        }
                    }
                    if (gap > TimeUnit.MILLISECONDS.toNanos(GAP_GOAL_MS)) {
                        gapsOver++;
                        if (gapsOver <= 10) {
                            gapsAt.append(String.format(Locale.ROOT, " %.1f s (%d ms)",
                                    (now - firstPulse) / 1e9, TimeUnit.NANOSECONDS.toMillis(gap)));
                        }
                    }
                }
                if (pulses++ == 0) {
                    firstPulse = now;
                }
                lastPulse = now;
            }
        }.start();
        var list = app.mainView().logView().list();
        list.getScene().addPostLayoutPulseListener(() -> {
            long now = System.currentTimeMillis();
            if (now > lagUntil || lagCount == lags.length) {
                return;
            }
            VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
            IndexedCell<?> cell = flow == null ? null : flow.getLastVisibleCell();
            Object item = cell == null ? null : cell.getItem();
            Matcher m = item instanceof LogEntry e ? WRITTEN_AT.matcher(e.text()) : null;
            if (m == null || !m.find()) {
                framesWithoutLine++;
                return;
            }
            lags[lagCount++] = now - Long.parseLong(m.group(1));
        });
    }

    private void resetPulses() {
        lastPulse = 0;
        maxGapNanos = 0;
        gapsOver = 0;
        maxGapSettled = 0;
        gapsOverSettled = 0;
        settledLag = -1;
        gapsAt.setLength(0);
        pulses = 0;
        lagCount = 0;
        framesWithoutLine = 0;
    }

    private static void report(long readyMillis, long[] lags, long[] pulse, long heapMb, long liveMb) {
        Arrays.sort(lags);
        long p50 = percentile(lags, 50);
        long p99 = percentile(lags, 99);
        long max = lags.length == 0 ? -1 : lags[lags.length - 1];
        System.out.printf(Locale.ROOT, "%n10 processes × 20,000 lines/s for %d s, merged stack log on screen (ready after %d ms)%n",
                MEASURE_MILLIS / 1000, readyMillis);
        System.out.printf(Locale.ROOT, "  FX pulses            %d (%.1f/s)%n", pulse[0], pulse[0] * 1000.0 / MEASURE_MILLIS);
        line("largest FX frame gap", pulse[1] + " ms", "≤ " + GAP_GOAL_MS + " ms", pulse[1] <= GAP_GOAL_MS);
        line("frame gaps > 100 ms", String.valueOf(pulse[2]), "0", pulse[2] == 0);
        System.out.printf(Locale.ROOT, "  on-screen lag        p50 %d ms, p99 %d ms over %d frames (%d frames showed no line)%n",
                p50, p99, lags.length, pulse[3]);
        line("on-screen lag max", max + " ms", "≤ " + LAG_GOAL_MS + " ms", max >= 0 && max <= LAG_GOAL_MS);
        line("peak heap used", heapMb + " MB", "< " + HEAP_GOAL_MB + " MB", heapMb < HEAP_GOAL_MB);
        line("peak heap after GC", liveMb + " MB", "< " + HEAP_GOAL_MB + " MB", liveMb < HEAP_GOAL_MB);
    }

    private static void line(String what, String value, String goal, boolean met) {
        System.out.printf(Locale.ROOT, "  %-20s %-10s goal %-10s %s%n", what, value, goal, met ? "met" : "MISSED");
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void stopEverything(SwitchboardApp app, StackControl supervisor) {
        try {
            supervisor.down(STACK, true).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("stopping " + STACK + ": " + e);
        }
        try {
            onFx(() -> {
                app.stop();
                return null;
            });
        } catch (Exception e) {
            System.err.println("closing the window: " + e);
        }
        if (supervisor instanceof SupervisorClient client) {
            try {
                client.shutdownService().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("stopping the supervisor service: " + e);
            }
        }
        supervisor.close();
        Platform.exit();
    }

    private static <T> T onFx(Supplier<T> s) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(s.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    private static void await(String what, Supplier<Boolean> condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!onFx(condition)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
