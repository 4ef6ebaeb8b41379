package dev.switchboard.cli;

import dev.switchboard.daemon.ServiceUnavailableException;
import dev.switchboard.daemon.SupervisorClient;
import dev.switchboard.engine.SwitchboardHome;
import dev.switchboard.model.StackLoader;
import dev.switchboard.ui.AppConfig;
import dev.switchboard.ui.SwitchboardApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code switchboard gui [FILE]} (and {@code switchboard} alone): opens the control panel, connected to
 * the background supervisor (started if needed). The only command that touches the display.
 */
@Command(name = "gui",
        mixinStandardHelpOptions = true,
        description = {
                "Opens the control panel: your stacks, their dependency graph with a light per process, "
                        + "live logs, and start/stop buttons.",
                "",
                "It drives the background supervisor (started if needed), so closing the window leaves "
                        + "running stacks running. Without FILE it shows the stack you had open last time "
                        + "(the bundled demo on first run)."})
public final class GuiCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "A stack file to open and show.")
    private Path file;

    @Override
    public Integer call() {
        Path initial = null;
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new UserException(file + ": no such stack file", SwitchboardCommand.INVALID);
            }
            initial = file.toAbsolutePath().normalize();
        }
        requireDisplay(System.getenv(), System.getProperty("glass.platform"));
        SwitchboardHome home = SwitchboardHome.fromEnvironment();
        // The window is drawn first and connects (starting the service if none answers) in the background.
        AppConfig config = new AppConfig(null, true, StackLoader::load, home, bundledStacks(), initial,
                "connecting to the supervisor service…", true, true, null, () -> reconnect(home));
        SwitchboardApp.launch(config);
        return SwitchboardCommand.OK;
    }

    /** Connects to the service, starting it if none answers: at start-up and after the service went away. */
    static AppConfig.Connection reconnect(SwitchboardHome home) throws ServiceUnavailableException {
        SupervisorClient client = SupervisorClient.connectOrStart(home);
        return new AppConfig.Connection(client, describe(client), client.disconnected());
    }

    private static String describe(SupervisorClient client) {
        return "supervisor service (pid " + client.servicePid() + ")";
    }

    /** The stacks shipped with Switchboard: the launcher passes their folder; in a checkout, ./stacks. */
    static Path bundledStacks() {
        String property = System.getProperty("switchboard.stacks");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        Path dev = Path.of("stacks").toAbsolutePath();
        return Files.isDirectory(dev) ? dev : null;
    }

    /** Fails with one line when there is no display to open a window on (and no headless glass platform). */
    static void requireDisplay(java.util.Map<String, String> env, String glassPlatform) {
        if (isBlank(glassPlatform) && isBlank(env.get("DISPLAY")) && isBlank(env.get("WAYLAND_DISPLAY"))) {
            throw new UserException("no display: the control panel needs a graphical session (DISPLAY is not set); "
                    + "on this machine use 'switchboard up', 'status' and 'logs'", SwitchboardCommand.FAILED);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
