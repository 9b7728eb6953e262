package io.conflux.server.project;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * One top-level section of a project file ({@code functions}, {@code stateMachines}, {@code schedules} …), for the
 * part of Conflux that owns it.
 *
 * @param name the section's key
 * @param value the section as written
 * @param baseDir the project's folder: relative paths in the section (code, definition files) start there
 */
public record ProjectSection(String name, JsonNode value, Path baseDir) {

    /** A JSON pointer into the project file, for messages: {@code /functions/resize/handler}. */
    public String pointer(String... tokens) {
        StringBuilder sb = new StringBuilder("/").append(name);
        for (String t : tokens) {
            sb.append('/').append(t.replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }
}
