package dev.switchboard.model;

import java.util.List;
import java.util.Optional;

/**
 * A YAML node that remembers where it was written, so every problem can point at
 * {@code FILE:LINE:COLUMN}. Scalars keep the text as written; their kind follows the YAML 1.2
 * core schema (so {@code on}/{@code yes} stay strings, not booleans).
 */
sealed interface YamlNode {

    /** Where the node starts. */
    SourceLocation where();

    /** How the node reads in an error message: "a list", "the string 'x'", "the number 20". */
    String describe();

    /** The kinds a scalar can resolve to. */
    enum Kind { STRING, NUMBER, BOOLEAN, NULL }

    /** A scalar; {@code quoted} is true for any non-plain style ('…', "…", | or >). */
    record Scalar(String text, Kind kind, boolean quoted, SourceLocation where) implements YamlNode {
        @Override
        public String describe() {
            return switch (kind) {
                case STRING -> "the string '" + text + "'";
                case NUMBER -> "the number " + text;
                case BOOLEAN -> text;
                case NULL -> "empty";
            };
        }

        /** True for strings, numbers and booleans: values that read naturally as text. */
        boolean isText() {
            return kind != Kind.NULL;
        }
    }

    /** A sequence. */
    record Sequence(List<YamlNode> items, SourceLocation where) implements YamlNode {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A mapping, entries in file order, keys unique (duplicates are reported while reading). */
    record Mapping(List<Entry> entries, SourceLocation where) implements YamlNode {
        @Override
        public String describe() {
            return "a map";
        }

        /** The entry with this key, if present. */
        Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> e.key().text().equals(key)).findFirst();
        }
    }

    /** One key: value pair of a mapping. */
    record Entry(Scalar key, YamlNode value) {
        /** The key text. */
        String name() {
            return key.text();
        }

        /** Where to point for a bad value: the value, or the key when the value was left empty. */
        SourceLocation valueWhere() {
            return value instanceof Scalar s && s.kind() == Kind.NULL ? key.where() : value.where();
        }
    }
}
