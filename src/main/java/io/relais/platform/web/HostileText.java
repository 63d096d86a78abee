package io.relais.platform.web;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Text no field should ever hold, refused at the edge with the field named: a NUL character (PostgreSQL cannot store
 * it in text), an unpaired UTF-16 surrogate (no valid character; it breaks UTF-8 on the way to the database), and text
 * longer than the platform's maximum string length (domains set tighter limits on their own fields).
 * Plain Java: the access filter calls it on every JSON body and query value before any route sees them.
 */
public final class HostileText {

    private static final JsonFactory JSON = new JsonFactory();

    private HostileText() {
    }

    /** Throws a 400 naming {@code field} when {@code value} holds a NUL or an unpaired surrogate, or is too long. */
    public static void check(String field, String value, int maxLength) {
        String problem = problem(value, maxLength);
        if (problem != null) throw ApiProblem.invalidField(field, problem);
    }

    /** What is wrong with the text, or null. */
    static String problem(String value, int maxLength) {
        if (value == null) return null;
        if (value.length() > maxLength) return "is longer than " + maxLength + " characters (" + value.length() + ")";
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) return "contains a NUL character (U+0000)";
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired surrogate (U+" + Integer.toHexString(c).toUpperCase() + ")";
            }
            if (Character.isLowSurrogate(c)) return "contains an unpaired surrogate (U+" + Integer.toHexString(c).toUpperCase() + ")";
        }
        return null;
    }

    /**
     * Walks a JSON body's names and string values; throws a 400 naming the first bad field (as {@code lines[0].reference}).
     * A body that is not valid JSON is left to the binding, which says where it broke.
     */
    public static void checkJson(byte[] body, int maxStringLength) {
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING) {
                    String problem = problem(parser.getText(), maxStringLength);
                    if (problem != null) throw ApiProblem.invalidField(path(parser), problem);
                }
            }
        } catch (IOException notJson) {
            // malformed (or too deeply nested): the JSON binding answers 400 with the place it broke
        }
    }

    private static String path(JsonParser parser) {
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        if (pointer.isEmpty()) return "body";
        StringBuilder out = new StringBuilder();
        for (String part : pointer.substring(1).split("/")) {
            String name = part.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) out.append('[').append(name).append(']');
            else out.append(out.length() == 0 ? "" : ".").append(name);
        }
        return out.toString();
    }
}
