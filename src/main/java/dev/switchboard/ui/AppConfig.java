package dev.switchboard.ui;

import dev.switchboard.engine.StackControl;
import dev.switchboard.engine.SwitchboardHome;
import dev.switchboard.ui.stack.StackDefinitions;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * What the control panel needs from whoever starts it. The {@code control} supplier is called once,
 * off the FX thread, before the window shows. Without it the window is drawn first and then connects
 * with {@code reconnect} in the background (what {@code switchboard gui} does: starting the supervisor
 * takes about a second).
 *
 * @param control              the supervisor (an in-process one in tests), or null to connect with
 *                             {@code reconnect} once the window is drawn
 * @param ownsControl          true to close the control when the window closes
 * @param definitions          reads stack files (for the graph and problem locations)
 * @param home                 where settings and the user's stacks live
 * @param bundledStacks        folder of the stacks shipped with Switchboard, or null
 * @param initialFile          a stack file to open and select, or null
 * @param connection           how the status bar names the supervisor, e.g. "supervisor (pid 1234)"
 * @param stacksOutliveWindow  true when closing the window leaves stacks running (a background supervisor)
 * @param notifications        true to show desktop notifications when a stack becomes ready or fails
 * @param disconnected         completes when the connection to the supervisor is lost; null if it cannot be
 * @param reconnect            connects again after the connection was lost (starting the service if none
 *                             answers); null to only report the loss
 */
public record AppConfig(Supplier<StackControl> control, boolean ownsControl, StackDefinitions definitions,
                        SwitchboardHome home, Path bundledStacks, Path initialFile, String connection,
                        boolean stacksOutliveWindow, boolean notifications,
                        CompletableFuture<Void> disconnected, Reconnect reconnect) {

    /** A connection made after the previous one was lost. */
    public record Connection(StackControl control, String description, CompletableFuture<Void> disconnected) {
    }

    /** Makes a new connection to the supervisor; called off the FX thread, retried with backoff while it fails. */
    @FunctionalInterface
    public interface Reconnect {
        /** Connects (or starts the service and connects); throws when it cannot. */
        Connection connect() throws Exception;
    }

    /** A configuration without reconnecting (in-process supervisors, tests). */
    public AppConfig(Supplier<StackControl> control, boolean ownsControl, StackDefinitions definitions,
                     SwitchboardHome home, Path bundledStacks, Path initialFile, String connection,
                     boolean stacksOutliveWindow, boolean notifications, CompletableFuture<Void> disconnected) {
        this(control, ownsControl, definitions, home, bundledStacks, initialFile, connection, stacksOutliveWindow,
                notifications, disconnected, null);
    }

    /** The settings file of this home. */
    public Path settingsFile() {
        return home.configDir().resolve("gui.properties");
    }
}
