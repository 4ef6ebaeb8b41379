package dev.switchboard.cli;

import dev.switchboard.daemon.ErrorCode;
import dev.switchboard.daemon.EventFilter;
import dev.switchboard.daemon.ServiceException;
import dev.switchboard.daemon.ServiceUnavailableException;
import dev.switchboard.daemon.SupervisorClient;
import dev.switchboard.engine.ProcessStatus;
import dev.switchboard.engine.StackControl;
import dev.switchboard.engine.StackStatus;
import dev.switchboard.engine.SwitchboardHome;
import dev.switchboard.model.Problem;
import dev.switchboard.model.StackFileException;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * What the commands that talk to the supervisor service share: connecting (starting the service if
 * needed), finding the stack a user named, waiting for replies, and turning every failure a user
 * can cause into one line with the CONTRACT's exit code.
 */
final class ClientSupport {
    private ClientSupport() {
    }

    /** Connects to the service, starting it in the background if none answers. */
    static SupervisorClient connect() {
        try {
            return SupervisorClient.connectOrStart(SwitchboardHome.fromEnvironment());
        } catch (ServiceUnavailableException e) {
            throw new UserException(e.getMessage(), SwitchboardCommand.FAILED);
        } catch (ServiceException e) {
            throw new UserException(e.getMessage(), SwitchboardCommand.FAILED);
        }
    }

    /**
     * Waits for a reply. An invalid stack file prints every problem as FILE:LINE:COLUMN: message on
     * {@code err} and exits 2; an unknown name or a refused request exits 2; anything else that
     * failed exits 1.
     */
    static <T> T await(CompletableFuture<T> reply, PrintWriter err) {
        try {
            return reply.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("interrupted", SwitchboardCommand.INTERRUPTED);
        } catch (ExecutionException e) {
            throw failure(e.getCause() == null ? e : e.getCause(), err);
        }
    }

    private static UserException failure(Throwable cause, PrintWriter err) {
        return switch (cause) {
            case StackFileException e -> {
                for (Problem problem : e.problems()) {
                    err.println(problem);
                }
                err.flush();
                Path file = e.problems().getFirst().where().file();
                int n = e.problems().size();
                yield new UserException((file == null ? "the stack file" : file.toString()) + " is not a valid stack file ("
                        + n + (n == 1 ? " problem" : " problems") + "); nothing was started", SwitchboardCommand.INVALID);
            }
            case ServiceException e -> new UserException(e.getMessage(),
                    e.code() == ErrorCode.FAILED ? SwitchboardCommand.FAILED : SwitchboardCommand.INVALID);
            case ServiceUnavailableException e -> new UserException(e.getMessage(), SwitchboardCommand.FAILED);
            default -> new UserException(cause.getMessage() == null ? cause.toString() : cause.getMessage(),
                    SwitchboardCommand.FAILED);
        };
    }

    /**
     * The stack a user named: an existing stack file (opened in the service unless it already knows
     * it, or always when {@code reload}), or the name of a stack the service knows.
     */
    static StackStatus resolveStack(SupervisorClient client, String stack, boolean reload, PrintWriter err) {
        Path file = Path.of(stack);
        boolean isFile = Files.isRegularFile(file);
        if (isFile && reload) {
            return await(client.open(file), err);
        }
        List<StackStatus> stacks = await(client.status(), err);
        String absolute = isFile ? file.toAbsolutePath().normalize().toString() : null;
        for (StackStatus candidate : stacks) {
            if (candidate.name().equals(stack) || candidate.file().equals(absolute)) {
                return candidate;
            }
        }
        if (isFile) {
            return await(client.open(file), err);
        }
        if (looksLikeAFile(stack)) {
            throw new UserException("cannot read " + stack + ": no such file", SwitchboardCommand.INVALID);
        }
        throw unknownStack(stack, stacks);
    }

    private static boolean looksLikeAFile(String stack) {
        return stack.contains("/") || stack.endsWith(".yaml") || stack.endsWith(".yml");
    }

    private static UserException unknownStack(String stack, List<StackStatus> stacks) {
        String message = stacks.isEmpty()
                ? "no stack named '" + stack + "': the supervisor knows no stacks yet; start one with 'switchboard up FILE'"
                : "no stack named '" + stack + "' (known: " + stacks.stream().map(StackStatus::name)
                .collect(Collectors.joining(", ")) + "); to open another, give its stack file";
        return new UserException(message, SwitchboardCommand.INVALID);
    }

    /** Prints the progress of one stack ({@code [hub] ready (0.8 s)}) until the subscription is closed. */
    static StackControl.Subscription showProgress(SupervisorClient client, String stack, PrintWriter out) {
        return client.subscribe(EventFilter.statesOf(stack), new ProgressPrinter(stack, out), dropped -> {
        });
    }

    /** Fails with the list of known processes unless the stack has {@code process}. */
    static ProcessStatus requireProcess(StackStatus stack, String process) {
        ProcessStatus status = stack.process(process);
        if (status == null) {
            throw new UserException("stack '" + stack.name() + "' has no process '" + process + "' (known: "
                    + stack.processes().stream().map(ProcessStatus::name).collect(Collectors.joining(", ")) + ")",
                    SwitchboardCommand.INVALID);
        }
        return status;
    }
}
