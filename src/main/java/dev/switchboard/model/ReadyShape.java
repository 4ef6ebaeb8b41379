package dev.switchboard.model;

import dev.switchboard.model.YamlNode.Entry;
import dev.switchboard.model.YamlNode.Kind;
import dev.switchboard.model.YamlNode.Mapping;
import dev.switchboard.model.YamlNode.Scalar;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Shape step for {@code ready}: a keyword ({@code file}, {@code started}, {@code exited}) or a map
 * with at most one probe plus {@code timeout} and {@code interval}.
 */
final class ReadyShape {
    /** The probe keys of a {@code ready} map. */
    static final Set<String> PROBES = Set.of("file", "tcp", "http", "log", "exec", "started", "exited");
    /** Probes written as a bare keyword. */
    private static final List<String> KEYWORDS = List.of("file", "started", "exited");
    /** Host of a {@code tcp} probe that gives only a port. */
    static final String DEFAULT_HOST = "127.0.0.1";

    private final FieldReader reader;

    private ReadyShape(FieldReader reader) {
        this.reader = reader;
    }

    /** Reads the {@code ready} entry; empty if it is wrong (already reported). */
    static Optional<ProcessDraft.Ready> read(Entry e, FieldReader reader) {
        return new ReadyShape(reader).read(e);
    }

    private Optional<ProcessDraft.Ready> read(Entry e) {
        if (e.value() instanceof Scalar s && s.kind() == Kind.STRING) {
            return keyword(s).map(p -> new ProcessDraft.Ready(p, null, null, s.where()));
        }
        if (e.value() instanceof Mapping m) {
            return map(m);
        }
        reader.wrongType(e, "file, started, exited or a map such as {tcp: 8000}");
        return Optional.empty();
    }

    private Optional<Probe> keyword(Scalar s) {
        String k = s.text();
        if (KEYWORDS.contains(k)) {
            return Optional.of(simple(k));
        }
        if (PROBES.contains(k)) {
            reader.problems().add(s, "'ready: " + k + "' needs a value: write ready: {" + k + ": …}");
        } else {
            reader.problems().add(s, "unknown readiness '" + k + "'" + Suggestions.didYouMean(k, PROBES)
                    + " (use file, started, exited or a map such as {tcp: 8000})");
        }
        return Optional.empty();
    }

    private static Probe simple(String keyword) {
        return switch (keyword) {
            case "file" -> new Probe.File();
            case "started" -> new Probe.Started();
            default -> new Probe.Exited();
        };
    }

    private Optional<ProcessDraft.Ready> map(Mapping m) {
        Map<String, Entry> f = reader.fields(m, StackLoader.READY_FIELDS, "'ready'");
        Probe probe = null;
        Entry probeEntry = null;
        boolean ok = true;
        for (Entry e : f.values()) {
            if (!PROBES.contains(e.name())) {
                continue;
            }
            if (probeEntry != null) {
                reader.problems().add(e.key(), "'ready' takes one probe, but has both '" + probeEntry.name()
                        + "' and '" + e.name() + "'");
                ok = false;
                continue;
            }
            probeEntry = e;
            Optional<Probe> p = probe(e);
            ok &= p.isPresent();
            probe = p.orElse(null);
        }
        Duration timeout = null;
        Duration interval = null;
        if (f.containsKey("timeout")) {
            Optional<Duration> d = reader.duration(f.get("timeout"), true);
            ok &= d.isPresent();
            timeout = d.orElse(null);
        }
        if (f.containsKey("interval")) {
            Optional<Duration> d = reader.duration(f.get("interval"), true);
            ok &= d.isPresent();
            interval = d.orElse(null);
        }
        return ok ? Optional.of(new ProcessDraft.Ready(probe, timeout, interval, m.where())) : Optional.empty();
    }

    private Optional<Probe> probe(Entry e) {
        return switch (e.name()) {
            case "tcp" -> tcp(e);
            case "http" -> reader.nonEmptyString(e).flatMap(this::http);
            case "log" -> reader.nonEmptyString(e).flatMap(this::log);
            case "exec" -> reader.nonEmptyString(e).map(s -> new Probe.Exec(s.text()));
            default -> flag(e);
        };
    }

    private Optional<Probe> flag(Entry e) {
        if (e.value() instanceof Scalar s && s.kind() == Kind.BOOLEAN && Boolean.parseBoolean(s.text().toLowerCase())) {
            return Optional.of(simple(e.name()));
        }
        reader.wrongType(e, "true (or leave it out)");
        return Optional.empty();
    }

    private Optional<Probe> tcp(Entry e) {
        if (e.value() instanceof Scalar s && (s.kind() == Kind.NUMBER || s.kind() == Kind.STRING)) {
            String text = s.text().strip();
            int colon = text.lastIndexOf(':');
            String host = colon < 0 ? DEFAULT_HOST : text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            Optional<Integer> port = FieldReader.parsePort(text.substring(colon + 1));
            if (port.isPresent() && !host.isBlank()) {
                return Optional.of(new Probe.Tcp(host, port.get()));
            }
        }
        reader.wrongType(e, "a port from 1 to 65535 or \"HOST:PORT\"");
        return Optional.empty();
    }

    private Optional<Probe> http(Scalar s) {
        try {
            URI url = new URI(s.text().strip());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
            if (!scheme.equals("http") && !scheme.equals("https")) {
                reader.problems().add(s, "'http' needs an http:// or https:// URL, not '" + s.text() + "'");
                return Optional.empty();
            }
            if (url.getHost() == null) {
                reader.problems().add(s, "the URL '" + s.text() + "' has no host");
                return Optional.empty();
            }
            return Optional.of(new Probe.Http(url));
        } catch (URISyntaxException ex) {
            reader.problems().add(FieldReader.columnIn(s, Math.max(ex.getIndex(), 0)),
                    "'" + s.text() + "' is not a valid URL: " + ex.getReason());
            return Optional.empty();
        }
    }

    private Optional<Probe> log(Scalar s) {
        try {
            return Optional.of(new Probe.Log(Pattern.compile(s.text())));
        } catch (PatternSyntaxException ex) {
            reader.problems().add(FieldReader.columnIn(s, Math.max(ex.getIndex(), 0)),
                    "bad regular expression for 'log': " + ex.getDescription()
                            + (ex.getIndex() >= 0 ? " at position " + (ex.getIndex() + 1) : ""));
            return Optional.empty();
        }
    }
}
