package dev.switchboard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.Dependency;
import dev.switchboard.model.LaunchMode;
import dev.switchboard.model.Condition;
import dev.switchboard.model.ProcessSpec;
import dev.switchboard.model.ShellWords;
import dev.switchboard.model.StackFileException;
import dev.switchboard.model.StackLoader;
import dev.switchboard.model.StackSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code switchboard validate FILE [--json]}: checks a stack file and shows what a run would start. */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Checks a stack file without starting anything.",
                "",
                "A valid file prints the stack name and the resolved start order, level by level: each process "
                        + "with its launch mode, its readiness, what it waits for, and the exact command line.",
                "An invalid file prints every problem found as FILE:LINE:COLUMN: message."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the file is a valid stack",
                "2:the file is not valid, cannot be read, or the command line is wrong"})
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The stack file (YAML) to check.")
    private Path file;

    @Option(names = "--json", description = "Print the resolved stack as JSON instead: "
            + "{\"name\", \"processes\": [{\"name\", \"mode\", \"depends_on\": [{\"name\", \"condition\"}], \"argv\"}]}.")
    private boolean json;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (Files.isDirectory(file)) {
            throw new UserException(file + " is a folder; give the stack file (.yaml) inside it",
                    SwitchboardCommand.INVALID);
        }
        if (!Files.isRegularFile(file)) {
            throw new UserException("cannot read " + file + ": no such file", SwitchboardCommand.INVALID);
        }
        StackSpec stack;
        try {
            stack = StackLoader.load(file);
        } catch (StackFileException e) {
            PrintWriter err = spec.commandLine().getErr();
            e.problems().forEach(err::println);
            int n = e.problems().size();
            err.println(file + " is not a valid stack file: " + n + (n == 1 ? " problem" : " problems"));
            err.flush();
            return SwitchboardCommand.INVALID;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? toJson(stack) : describe(stack));
        out.flush();
        return SwitchboardCommand.OK;
    }

    /** The JSON form documented in the contract: name, then each process's mode, edges and argv. */
    static String toJson(StackSpec stack) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("name", stack.name());
        ArrayNode processes = root.putArray("processes");
        for (ProcessSpec p : stack.processes()) {
            ObjectNode node = processes.addObject();
            node.put("name", p.name());
            node.put("mode", p.mode().id());
            ArrayNode deps = node.putArray("depends_on");
            p.dependsOn().forEach(d -> deps.addObject().put("name", d.name()).put("condition", d.condition().id()));
            ArrayNode argv = node.putArray("argv");
            p.argv().forEach(argv::add);
        }
        return mapper.writeValueAsString(root) + System.lineSeparator();
    }

    /** The human form: the stack, then each start level with its processes. */
    static String describe(StackSpec stack) {
        StringBuilder b = new StringBuilder();
        List<List<String>> levels = stack.graph().startLevels();
        int n = stack.processes().size();
        b.append(stack.name()).append(": ").append(n).append(n == 1 ? " process" : " processes").append(" in ")
                .append(levels.size()).append(levels.size() == 1 ? " level" : " levels")
                .append(" (").append(stack.file()).append(")\n");
        if (!stack.description().isBlank()) {
            b.append(stack.description().strip()).append('\n');
        }
        var byName = stack.byName();
        for (int i = 0; i < levels.size(); i++) {
            b.append("\nlevel ").append(i + 1).append('\n');
            for (String name : levels.get(i)) {
                ProcessSpec p = byName.get(name);
                b.append("  ").append(p.name()).append(": ").append(summary(p)).append('\n');
                b.append("      ").append(p.mode() == LaunchMode.REUSE
                        ? "(reused: never started or stopped here)"
                        : "$ " + ShellWords.join(p.argv())).append('\n');
            }
        }
        return b.toString();
    }

    private static String summary(ProcessSpec p) {
        StringBuilder s = new StringBuilder(p.mode().id()).append(", ready: ").append(p.ready().probe().describe());
        if (p.port() != null) {
            s.append(", port ").append(p.port());
        }
        if (!p.dependsOn().isEmpty()) {
            s.append(", after ").append(p.dependsOn().stream().map(ValidateCommand::edge).collect(Collectors.joining(", ")));
        }
        return s.toString();
    }

    private static String edge(Dependency d) {
        return d.condition() == Condition.READY
                ? d.name() : d.name() + " (" + d.condition().id() + ")";
    }
}
