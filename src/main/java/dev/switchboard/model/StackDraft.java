package dev.switchboard.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stack on its way through the loading steps: the shape step fills what the file says,
 * later steps add what is resolved. A field is null when the file left it out or got it wrong
 * (the problem is already reported).
 */
final class StackDraft {
    // written in the file
    YamlNode.Scalar name;
    String description = "";
    YamlNode.Scalar base;
    final Map<String, String> env = new LinkedHashMap<>();
    Duration readyTimeout;
    Duration stopTimeout;
    /** Every process, enabled or not, in file order. */
    final List<ProcessDraft> processes = new ArrayList<>();

    // resolved
    String stackName;
    Path stackFile;
    Path basePath;
    DependencyGraph graph;

    /** Processes that take part in a run. */
    List<ProcessDraft> enabled() {
        return processes.stream().filter(p -> p.enabled).toList();
    }
}
