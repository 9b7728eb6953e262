package io.conflux.server.project;

import java.util.List;

/** A project file that cannot be used, with every problem found, each naming its place. */
public final class ProjectException extends RuntimeException {
    private final List<String> problems;

    public ProjectException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public ProjectException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
