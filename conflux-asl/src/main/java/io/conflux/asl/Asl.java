package io.conflux.asl;

import io.conflux.asl.parse.DefinitionParser;

/**
 * Entry point of the language: reads a definition into a compiled {@link io.conflux.asl.model.StateMachine},
 * reporting every problem at once.
 */
public final class Asl {
    private Asl() {}

    /** How the definition text is written. */
    public enum Format {
        /** JSON only, as the AWS API accepts. */
        JSON,
        /** YAML (of which JSON is a subset); for files people write by hand. */
        YAML,
        /** YAML unless the text looks like JSON. */
        AUTO
    }

    /** Options of a parse. */
    public record Options(Format format, boolean express) {
        public static final Options DEFAULT = new Options(Format.JSON, false);

        public Options withFormat(Format f) {
            return new Options(f, express);
        }

        public Options withExpress(boolean e) {
            return new Options(format, e);
        }
    }

    /** Parses a JSON definition, as the AWS API receives it, for a STANDARD state machine. */
    public static ParseResult parse(String text) {
        return parse(text, Options.DEFAULT);
    }

    public static ParseResult parse(String text, Options options) {
        return new DefinitionParser(options).parse(text);
    }
}
