package io.conflux.asl.parse;

import static io.conflux.asl.DiagnosticCodes.SCHEMA_VALIDATION_FAILED;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.QueryLanguage;
import io.conflux.asl.expr.PathTemplate;
import io.conflux.asl.expr.Problems;
import io.conflux.asl.expr.Template;
import io.conflux.asl.jsonata.JsonataCompiler;
import io.conflux.asl.model.Io;
import io.conflux.asl.model.PathFilter;
import io.conflux.asl.model.ResultPath;
import io.conflux.asl.model.StateHeader;
import java.util.Set;

/**
 * A state's data flow ({@link Io}): InputPath, Parameters, ResultSelector, ResultPath and OutputPath in JSONPath
 * states; Arguments and Output in JSONata states; Assign in both. Only the fields the state's type allows are read:
 * the others are already reported as not supported.
 */
final class DataFlowReader {
    private final Problems problems;
    private final PathFields paths;

    DataFlowReader(Problems problems) {
        this.problems = problems;
        this.paths = new PathFields(problems);
    }

    /**
     * @param allowed the fields of the state's type
     * @param parameters the field that holds the state's parameters, or null (a Map's Parameters is its legacy item
     *     selector, read elsewhere)
     */
    Io read(StateHeader h, Fields f, Set<String> allowed, String parameters) {
        Template assign = allowed.contains("Assign") ? assign(h, f) : null;
        if (h.queryLanguage() == QueryLanguage.JSONATA) {
            Template arguments = "Arguments".equals(parameters) ? jsonata(f, "Arguments") : null;
            Template output = allowed.contains("Output") ? jsonata(f, "Output") : null;
            return new Io(PathFilter.ALL, arguments, null, ResultPath.REPLACE, PathFilter.ALL, output, assign);
        }
        PathFilter input = allowed.contains("InputPath") ? paths.filter(f, "InputPath") : PathFilter.ALL;
        Template params = "Parameters".equals(parameters) ? template(f, "Parameters") : null;
        Template selector = allowed.contains("ResultSelector") ? template(f, "ResultSelector") : null;
        ResultPath result = allowed.contains("ResultPath") ? paths.resultPath(f, "ResultPath") : ResultPath.REPLACE;
        PathFilter output = allowed.contains("OutputPath") ? paths.filter(f, "OutputPath") : PathFilter.ALL;
        return new Io(input, params, selector, result, output, null, assign);
    }

    /** Assign: an object of variables, as a JSONPath template or a JSONata one, whose names are valid. */
    Template assign(StateHeader h, Fields f) {
        JsonNode node = f.object("Assign");
        if (node == null) {
            return null;
        }
        boolean jsonata = h.queryLanguage() == QueryLanguage.JSONATA;
        for (java.util.Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            String name = !jsonata && key.endsWith(".$") ? key.substring(0, key.length() - 2) : key;
            String problem = VariableNames.problem(name);
            if (problem != null) {
                problems.report(Problems.child(f.pointer("Assign"), key), SCHEMA_VALIDATION_FAILED, problem);
            }
        }
        return jsonata ? jsonata(f, "Assign") : template(f, "Assign");
    }

    /** A JSONPath payload template ({@code "key.$"} fields), reporting as AWS words it. */
    Template template(Fields f, String field) {
        JsonNode node = f.get(field);
        if (node == null) {
            return null;
        }
        String at = f.pointer(field);
        return PathTemplate.compile(node, at, true, AwsWording.template(problems, at));
    }

    /** A JSONata template: a value whose {@code "{% … %}"} strings are evaluated. */
    Template jsonata(Fields f, String field) {
        JsonNode node = f.get(field);
        return node == null ? null : JsonataCompiler.compileTemplate(node, field, f.pointer(field), problems);
    }
}
