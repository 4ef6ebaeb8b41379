package dev.switchboard.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code switchboard gui}: not built yet. */
@Command(name = "gui", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class GuiCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("'gui' is not built yet", SwitchboardCommand.FAILED);
    }
}
