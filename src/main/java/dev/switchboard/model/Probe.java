package dev.switchboard.model;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/** How readiness is known (CONTRACT section 2). */
public sealed interface Probe {
    /** The keyword used in stack files: file, tcp, http, log, exec, started, exited. */
    String kind();

    /** A short human description, such as {@code tcp 127.0.0.1:8000}. */
    String describe();

    /** Ready when the fresh {@code --ready-file} appears. */
    record File() implements Probe {
        public String kind() { return "file"; }
        public String describe() { return "ready file"; }
    }

    /** Ready when a TCP connect to host:port succeeds. */
    record Tcp(String host, int port) implements Probe {
        public String kind() { return "tcp"; }
        public String describe() { return "tcp " + host + ":" + port; }
    }

    /** Ready when a GET answers 2xx or 3xx. */
    record Http(URI url) implements Probe {
        public String kind() { return "http"; }
        public String describe() { return "http " + url; }
    }

    /** Ready when a line of stdout or stderr matches. */
    record Log(Pattern pattern) implements Probe {
        public String kind() { return "log"; }
        public String describe() { return "log /" + pattern.pattern() + "/"; }
    }

    /** Ready when the command (run by /bin/sh -c) exits 0. */
    record Exec(String command) implements Probe {
        public String kind() { return "exec"; }
        public String describe() { return "exec " + command; }
        /** The argv that runs the probe command. */
        public List<String> argv() { return List.of("/bin/sh", "-c", command); }
    }

    /** Ready as soon as the process has been spawned. */
    record Started() implements Probe {
        public String kind() { return "started"; }
        public String describe() { return "started"; }
    }

    /** A one-shot task: done when it exits 0. */
    record Exited() implements Probe {
        public String kind() { return "exited"; }
        public String describe() { return "exits 0"; }
    }
}
