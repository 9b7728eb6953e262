package io.conflux.server.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A project file, {@code conflux.yaml}: the functions, state machines, activities, cluster resources, schedules and
 * triggers of one application, declared together. Each top-level key is a section owned by one part of Conflux; a key
 * nobody owns is an error, so that a typo never goes unnoticed.
 */
public record Project(Path file, Map<String, ProjectSection> sections) {
    public static final String FILE_NAME = "conflux.yaml";
    private static final ObjectMapper YAML = new YAMLMapper();

    /** The project file of a folder, or the file itself. */
    public static Path locate(Path fileOrDir) {
        return Files.isDirectory(fileOrDir) ? fileOrDir.resolve(FILE_NAME) : fileOrDir;
    }

    /**
     * Reads a project file.
     *
     * @param known the section names some part of Conflux owns
     * @throws ProjectException naming every problem found
     */
    public static Project read(Path file, Set<String> known) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ProjectException(file + ": cannot be read as YAML: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new Project(file, Map.of());
        }
        if (!root.isObject()) {
            throw new ProjectException(file + ": expected a mapping of sections at the top, but found "
                    + root.getNodeType());
        }
        List<String> problems = new ArrayList<>();
        Map<String, ProjectSection> sections = new LinkedHashMap<>();
        Path base = file.toAbsolutePath().getParent();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (e.getKey().equals("version") || e.getKey().equals("name")) {
                continue;
            }
            if (!known.contains(e.getKey())) {
                problems.add(file + ": /" + e.getKey() + ": unknown section; expected one of "
                        + known.stream().sorted().toList());
                continue;
            }
            sections.put(e.getKey(), new ProjectSection(e.getKey(), e.getValue(), base));
        }
        if (!problems.isEmpty()) {
            throw new ProjectException(problems);
        }
        return new Project(file, sections);
    }
}
