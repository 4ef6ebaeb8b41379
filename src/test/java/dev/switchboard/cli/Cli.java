package dev.switchboard.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;

/** Runs a switchboard command line in-process, capturing its output and exit code. */
final class Cli {
    private Cli() {
    }

    /** What a command printed and returned. */
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = execute(out, err, args);
        return new Result(code, out.toString(), err.toString());
    }

    /** A command running on its own thread (one that follows, like {@code logs -f}); its output so far can be read. */
    record Running(StringWriter out, StringWriter err, CompletableFuture<Integer> code) {
    }

    static Running start(String... args) {
        StringWriter out = new StringWriter(); // a StringBuffer inside: safe to read while it is written
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> code = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("cli " + String.join(" ", args))
                .start(() -> code.complete(execute(out, err, args)));
        return new Running(out, err, code);
    }

    private static int execute(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = new CommandLine(new SwitchboardCommand());
        cl.setExecutionExceptionHandler(new UserErrorHandler());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
