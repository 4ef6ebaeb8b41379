package dev.switchboard.cli;

import dev.switchboard.daemon.ServiceException;
import dev.switchboard.daemon.ServiceUnavailableException;
import dev.switchboard.daemon.SupervisorClient;
import dev.switchboard.daemon.SupervisorDaemon;
import dev.switchboard.engine.SwitchboardHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code switchboard daemon [stop]}: runs the supervisor service in the foreground, or asks it to exit. */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {
                "Runs the supervisor service in the foreground, logging to stderr, until 'switchboard daemon stop',"
                        + " SIGTERM or Ctrl-C. Other commands and the control panel start it in the background"
                        + " when none runs (logging to the state folder's supervisor.log), so this is rarely needed.",
                "'switchboard daemon stop' asks the running service to exit. Stacks keep running either way:"
                        + " the next service adopts the processes that are still alive.",
                "One service runs per user (per SWITCHBOARD_HOME)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the service ran and exited / was stopped (or none was running)",
                "1:the service could not start (another one runs, or the socket cannot be bound)"})
public final class DaemonCommand implements Callable<Integer> {
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(10);

    @Parameters(arity = "0..1", paramLabel = "stop", description = "Ask the running service to exit instead.")
    String action;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        SwitchboardHome home = SwitchboardHome.fromEnvironment();
        if (action == null) {
            return runInForeground(home);
        }
        if (!action.equals("stop")) {
            throw new UserException("unknown action '" + action + "': 'switchboard daemon' runs the service,"
                    + " 'switchboard daemon stop' stops it", SwitchboardCommand.INVALID);
        }
        return stop(home, spec.commandLine().getOut());
    }

    private static int runInForeground(SwitchboardHome home) throws InterruptedException {
        SupervisorDaemon daemon;
        try {
            daemon = SupervisorDaemon.start(home, ServiceBackend::create);
        } catch (IOException e) {
            throw new UserException(e.getMessage(), SwitchboardCommand.FAILED);
        }
        // SIGTERM and Ctrl-C end the JVM through its shutdown hooks: let go of the stacks, never stop them
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "switchboard-daemon-exit"));
        daemon.awaitExit();
        return SwitchboardCommand.OK;
    }

    private static int stop(SwitchboardHome home, PrintWriter out) {
        SupervisorClient client;
        try {
            client = SupervisorClient.connect(home);
        } catch (ServiceUnavailableException e) {
            out.println("no supervisor service is running");
            return SwitchboardCommand.OK;
        } catch (ServiceException e) {
            throw new UserException(e.getMessage(), SwitchboardCommand.FAILED);
        }
        try (client) {
            long pid = client.servicePid();
            client.shutdownService().get(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            // the service drops every connection as it exits: that is the sign it is gone
            client.disconnected().get(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            // the connection drops before the service has let go of its socket: wait for the process itself
            var service = ProcessHandle.of(pid);
            if (service.isPresent() && pid != ProcessHandle.current().pid()) {
                service.get().onExit().get(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            }
            out.println("stopped the supervisor service (pid " + pid + "); stacks keep running");
            return SwitchboardCommand.OK;
        } catch (TimeoutException e) {
            throw new UserException("the supervisor service did not exit within " + STOP_DEADLINE.toSeconds()
                    + " s; see " + SupervisorDaemon.logFile(home), SwitchboardCommand.FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("interrupted", SwitchboardCommand.INTERRUPTED);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new UserException("the supervisor service did not accept the request: " + e.getCause().getMessage(),
                    SwitchboardCommand.FAILED);
        }
    }
}
