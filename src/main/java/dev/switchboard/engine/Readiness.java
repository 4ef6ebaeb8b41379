package dev.switchboard.engine;

import dev.switchboard.model.Probe;
import dev.switchboard.model.ReadySpec;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Turns a {@link Probe} into a future that completes when the process is ready. It never fails
 * by itself and has no deadline: the caller applies the ready timeout (for example with
 * {@code orTimeout}) and watches for an exit before ready. Completing or cancelling the future
 * stops the probe. {@code exited} is the caller's business and is refused here.
 */
public final class Readiness {

    private static final Duration MIN_ATTEMPT = Duration.ofSeconds(1);
    private static final Duration MAX_ATTEMPT = Duration.ofSeconds(5);
    private static final Path DEV_NULL = Path.of("/dev/null");

    private final ReadyFileWatcher watcher;
    private final ProcessLauncher launcher;
    private volatile HttpClient http;

    /** Probes that use {@code watcher} for ready files and {@code launcher} for exec commands. */
    public Readiness(ReadyFileWatcher watcher, ProcessLauncher launcher) {
        this.watcher = watcher;
        this.launcher = Objects.requireNonNull(launcher);
    }

    /** Completes when {@code probe} passes for the launch described by {@code ctx}. */
    public CompletableFuture<Void> await(Probe probe, ReadyContext ctx) {
        Duration interval = ctx.interval() != null ? ctx.interval() : ReadySpec.DEFAULT_INTERVAL;
        return switch (probe) {
            case Probe.Started s -> CompletableFuture.completedFuture(null);
            case Probe.File f -> awaitFile(ctx);
            case Probe.Tcp tcp -> PolledProbe.start(interval, () -> connect(tcp, attemptTimeout(interval)));
            case Probe.Http h -> PolledProbe.start(interval, () -> get(h, attemptTimeout(interval)));
            case Probe.Exec exec -> PolledProbe.start(interval, () -> run(exec, ctx, execTimeout(interval)));
            case Probe.Log log -> awaitLine(log.pattern(), ctx);
            case Probe.Exited e -> throw new IllegalArgumentException(
                    "'exited' readiness is decided by the process's exit, not by a probe");
        };
    }

    private CompletableFuture<Void> awaitFile(ReadyContext ctx) {
        if (watcher == null || ctx.readyFile() == null) {
            throw new IllegalArgumentException("a file probe needs a ready file and a ReadyFileWatcher");
        }
        return watcher.await(ctx.readyFile());
    }

    /** Ready if any address of the host accepts a connection. */
    private static CompletableFuture<Boolean> connect(Probe.Tcp tcp, Duration timeout) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                for (InetAddress address : InetAddress.getAllByName(tcp.host())) {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(address, tcp.port()), (int) timeout.toMillis());
                        return true;
                    } catch (IOException e) {
                        // try the next address
                    }
                }
            } catch (IOException e) {
                // unknown host: not ready (yet)
            }
            return false;
        }, EngineThreads.blocking());
    }

    /** Ready on 2xx or 3xx; redirects are not followed. */
    private CompletableFuture<Boolean> get(Probe.Http probe, Duration timeout) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(probe.url()).timeout(timeout).GET().build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(false);
        }
        return httpClient().sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> response != null
                        && response.statusCode() >= 200 && response.statusCode() < 400);
    }

    /** Ready if {@code /bin/sh -c command} exits 0; killed with its group if it hangs. */
    private CompletableFuture<Boolean> run(Probe.Exec exec, ReadyContext ctx, Duration timeout) {
        LaunchedProcess process;
        try {
            process = launcher.launch(new LaunchSpec("ready probe", exec.argv(), ctx.cwd(), ctx.env(),
                    DEV_NULL, DEV_NULL));
        } catch (LaunchException e) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> passed = process.exit()
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((status, error) -> status != null && status.isSuccess());
        // Whatever ends the attempt (pass, fail, hang or cancel), leave nothing of it running.
        passed.whenComplete((ok, error) -> process.kill());
        return passed;
    }

    private static CompletableFuture<Void> awaitLine(Pattern pattern, ReadyContext ctx) {
        if (ctx.lines() == null) {
            throw new IllegalArgumentException("a log probe needs the launch's output lines");
        }
        CompletableFuture<Void> ready = new CompletableFuture<>();
        AutoCloseable subscription = ctx.lines().subscribe(line -> {
            if (!ready.isDone() && pattern.matcher(line).find()) {
                ready.complete(null);
            }
        });
        ready.whenComplete((v, e) -> closeQuietly(subscription));
        return ready;
    }

    private HttpClient httpClient() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder()
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(MAX_ATTEMPT)
                            .build();
                }
                client = http;
            }
        }
        return client;
    }

    /** Connect and GET attempts: four intervals, at least 1 s, at most 5 s. */
    static Duration attemptTimeout(Duration interval) {
        Duration four = interval.multipliedBy(4);
        return four.compareTo(MIN_ATTEMPT) < 0 ? MIN_ATTEMPT : four.compareTo(MAX_ATTEMPT) > 0 ? MAX_ATTEMPT : four;
    }

    /** Exec attempts may be slow commands: four intervals, but never less than 5 s. */
    static Duration execTimeout(Duration interval) {
        Duration four = interval.multipliedBy(4);
        return four.compareTo(MAX_ATTEMPT) > 0 ? four : MAX_ATTEMPT;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // best effort: an unsubscribed listener that lingers only checks a finished future
        }
    }
}
