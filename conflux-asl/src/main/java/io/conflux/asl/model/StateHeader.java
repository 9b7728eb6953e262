package io.conflux.asl.model;

import io.conflux.asl.QueryLanguage;

/**
 * What every state has.
 *
 * @param name the state's name, unique within the whole definition
 * @param comment the Comment field, or null
 * @param queryLanguage the language in effect for the state (its own, else the machine's)
 * @param pointer JSON pointer of the state in the definition, e.g. {@code /States/A}
 */
public record StateHeader(String name, String comment, QueryLanguage queryLanguage, String pointer) {}
