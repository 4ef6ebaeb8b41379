package dev.switchboard.cli;

import picocli.CommandLine;

/** Prints a user's mistake as one line instead of a stack trace; keeps traces for real bugs. */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        if (ex instanceof UserException ue) {
            cl.getErr().println("switchboard: " + ue.getMessage());
            return ue.exitCode();
        }
        cl.getErr().println("switchboard: internal error: " + ex);
        ex.printStackTrace(cl.getErr());
        return SwitchboardCommand.FAILED;
    }
}
