package dev.switchboard.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One process on its way through the loading steps (see {@link StackDraft}). */
final class ProcessDraft {
    /** A {@code depends_on} entry as written. */
    record DependsOn(YamlNode.Scalar name, Condition condition) {
    }

    /** The {@code ready} field as written; a null probe means "the default for this process". */
    record Ready(Probe probe, Duration timeout, Duration interval, SourceLocation where) {
    }

    final int item;
    final boolean parallel;
    final SourceLocation where;

    // written in the file
    YamlNode.Scalar name;
    /** Command words; for {@code shell: true} the one command string. Null if absent or bad. */
    List<String> command;
    String shellCommand;
    boolean shell;
    YamlNode.Scalar project;
    YamlNode.Scalar cwd;
    YamlNode.Scalar config;
    YamlNode.Scalar envFile;
    List<String> args = List.of();
    final Map<String, String> env = new LinkedHashMap<>();
    String gpu;
    LaunchMode mode = LaunchMode.OWN;
    Integer port;
    Ready ready;
    /** Null when the file has no {@code depends_on}: the sequence rule applies. */
    List<DependsOn> dependsOn;
    StopSignal stopSignal = StopSignal.TERM;
    Duration stopTimeout;
    List<String> stopCommand = List.of();
    boolean enabled = true;

    // resolved
    Path projectPath;
    Path cwdPath;
    Path configPath;
    Path envFilePath;
    Map<String, String> fileEnv = Map.of();
    List<String> argv = List.of();
    ReadySpec readySpec;
    List<Dependency> dependencies = List.of();

    ProcessDraft(int item, boolean parallel, SourceLocation where) {
        this.item = item;
        this.parallel = parallel;
        this.where = where;
    }

    /** The name as written, or null. */
    String nameText() {
        return name == null ? null : name.text();
    }
}
