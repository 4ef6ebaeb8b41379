package dev.switchboard.cli;

import dev.switchboard.engine.Event;
import dev.switchboard.engine.StackControl;
import dev.switchboard.engine.StackState;
import dev.switchboard.engine.StackStatus;
import dev.switchboard.engine.Supervisor;
import dev.switchboard.engine.SwitchboardHome;
import dev.switchboard.model.ProcessSpec;
import dev.switchboard.model.StackSpec;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import sun.misc.Signal;

/** {@code switchboard run FILE}: the foreground launcher, without the background service. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
                "Starts a stack in the foreground, without the background service, and watches it.",
                "Processes start in dependency order; their output is printed as [name] line.",
                "Ctrl-C or SIGTERM before the stack is ready aborts the start (everything this run spawned is",
                "stopped, persist processes included) and exits 130; after it is ready, stops the stack",
                "(persist processes stay running) and exits 0. A second Ctrl-C kills everything at once.",
                "",
                "Exit codes: 0 clean stop (or ready, with --exit-after-ready), 1 a process failed,",
                "2 invalid stack file or usage, 130 interrupted before ready."})
public final class RunCommand implements java.util.concurrent.Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The stack file (YAML).")
    private Path file;

    @Option(names = "--exit-after-ready",
            description = "Return once every process is ready: stop own processes, leave persist ones running.")
    private boolean exitAfterReady;

    @Spec
    private CommandSpec command;

    @Override
    public Integer call() throws Exception {
        StackSpec spec = Stacks.load(file, command.commandLine().getErr());
        var out = System.out;
        int width = spec.processes().stream().map(ProcessSpec::name).mapToInt(String::length).max().orElse(4);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        AtomicInteger interrupts = new AtomicInteger();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("switchboard-run-ticker").factory());
        try (Supervisor sup = new Supervisor(SwitchboardHome.fromEnvironment(), Supervisor.Adoption.PERSIST_ONLY)) {
            String stack = spec.name();
            RunPrinter printer = new RunPrinter(out, stack, width);
            StackControl.Subscription sub = sup.subscribe(printer);
            ticker.scheduleAtFixedRate(printer::tick, 1, 1, TimeUnit.SECONDS);
            Runnable onSignal = () -> {
                int n = interrupts.incrementAndGet();
                if (n >= 2) {
                    out.println("==> second interrupt: killing every process now");
                    sup.killAll(stack);
                    return;
                }
                boolean ready = sup.status().join().stream().anyMatch(s -> s.name().equals(stack)
                        && s.state() == StackState.READY);
                if (ready) {
                    out.println("==> stopping " + stack + " (persist processes stay running)…");
                    sup.down(stack, false).thenRun(() -> exit.complete(SwitchboardCommand.OK));
                } else {
                    out.println("==> interrupted before " + stack + " was ready: stopping everything this run started…");
                    sup.abort(stack, "the start was interrupted")
                            .thenRun(() -> exit.complete(SwitchboardCommand.INTERRUPTED));
                }
            };
            Signal.handle(new Signal("INT"), s -> onSignal.run());
            Signal.handle(new Signal("TERM"), s -> onSignal.run());

            sup.subscribe(event -> {
                if (event instanceof Event.StackStateChanged c && c.stack().equals(stack)
                        && c.state() == StackState.FAILED && interrupts.get() == 0) {
                    exit.complete(SwitchboardCommand.FAILED);
                }
            });
            sup.open(spec.file()).join();
            var elsewhere = sup.alreadyRunningElsewhere(stack);
            if (elsewhere.isPresent()) {
                throw new UserException(elsewhere.get(), SwitchboardCommand.FAILED);
            }
            StackStatus result = sup.up(stack).join();
            if (interrupts.get() == 0 && result.state() == StackState.READY && exitAfterReady) {
                sup.down(stack, false).join();
                out.println("==> " + stack + " was ready; own processes stopped, persist processes left running.");
                exit.complete(SwitchboardCommand.OK);
            }
            int code = exit.join();
            // A failure stops the rest of the stack; wait for that stop to finish before reporting.
            StackStatus last = awaitSettled(sup, stack);
            sub.close();
            if (code == SwitchboardCommand.FAILED) {
                command.commandLine().getErr().println("switchboard: " + stack + " failed: " + last.reason());
            }
            return code;
        } finally {
            ticker.shutdownNow();
        }
    }

    private static StackStatus awaitSettled(Supervisor sup, String stack) throws InterruptedException {
        while (true) {
            StackStatus s = sup.status().join().stream().filter(x -> x.name().equals(stack)).findFirst().orElseThrow();
            if (s.state() != StackState.STOPPING && s.state() != StackState.STARTING) {
                return s;
            }
            Thread.sleep(20);
        }
    }
}
