package io.cloudbrowser.controlplane.artifact;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Object keys of job outputs: {@code <jobId>/<attempt>/<name>}, each part of letters, digits, {@code . _ -}, none
 * starting with a dot: a key can never climb out of the store's directory. The content type follows the name.
 */
public final class ArtifactKeys {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}(/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){0,3}");

    private ArtifactKeys() {
    }

    public static String of(String jobId, int attempt, String name) {
        return check(jobId + "/" + attempt + "/" + name);
    }

    public static boolean isValid(String key) {
        return KEY.matcher(key).matches();
    }

    public static String check(String key) {
        if (!isValid(key)) {
            throw new IllegalArgumentException("not an artifact key: " + key);
        }
        return key;
    }

    public static String contentType(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".png")) {
            return "image/png";
        }
        if (lower.endsWith(".jpeg") || lower.endsWith(".jpg")) {
            return "image/jpeg";
        }
        if (lower.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }
}
