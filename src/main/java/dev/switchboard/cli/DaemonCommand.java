package dev.switchboard.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code switchboard daemon}: not built yet. */
@Command(name = "daemon", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class DaemonCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("'daemon' is not built yet", SwitchboardCommand.FAILED);
    }
}
