package io.conflux.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A States.Format template, split once at its {@code {}} placeholders. */
final class FormatTemplate {
    /** The text around the placeholders: one more piece than there are placeholders. */
    private final List<String> pieces;

    private FormatTemplate(List<String> pieces) {
        this.pieces = List.copyOf(pieces);
    }

    /**
     * A template written as a literal, given as its source between the quotes. {@code {}} is a placeholder;
     * \{, \}, \' and \\ stand for the character itself, and a brace that is neither is an error: AWS reserves both
     * braces in intrinsic strings.
     *
     * @throws BadArgument when a brace is not part of a placeholder or escaped
     */
    static FormatTemplate ofLiteral(String source) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\' && i + 1 < source.length()) {
                piece.append(source.charAt(++i));
            } else if (c == '{' && i + 1 < source.length() && source.charAt(i + 1) == '}') {
                pieces.add(piece.toString());
                piece.setLength(0);
                i++;
            } else if (c == '{' || c == '}') {
                throw new BadArgument("Expected '" + c + "' in the template of States.Format to be part of a {} "
                        + "placeholder or escaped as \\" + c + ", but it stands alone at character " + (i + 1)
                        + " of '" + source + "'");
            } else {
                piece.append(c);
            }
        }
        pieces.add(piece.toString());
        return new FormatTemplate(pieces);
    }

    /**
     * A template that is a value computed at run time (a path or a call), which has no escapes: every {@code {}} is a
     * placeholder and everything else stands for itself.
     */
    static FormatTemplate ofValue(String text) {
        List<String> pieces = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = text.indexOf("{}", from)) >= 0) {
            pieces.add(text.substring(from, at));
            from = at + 2;
        }
        pieces.add(text.substring(from));
        return new FormatTemplate(pieces);
    }

    int placeholders() {
        return pieces.size() - 1;
    }

    /** @throws BadArgument unless there is exactly one value per placeholder, as AWS requires */
    void checkArgumentCount(int values) {
        if (values != placeholders()) {
            throw new BadArgument("Expected as many values after the template of States.Format as it has {} "
                    + "placeholders (" + placeholders() + "), but got " + values);
        }
    }

    /** The template with each placeholder replaced by the matching value, written as {@link JavaText} writes it. */
    String render(List<JsonNode> values) {
        StringBuilder out = new StringBuilder(pieces.getFirst());
        for (int i = 0; i < values.size(); i++) {
            JavaText.append(out, values.get(i));
            out.append(pieces.get(i + 1));
        }
        return out.toString();
    }
}
