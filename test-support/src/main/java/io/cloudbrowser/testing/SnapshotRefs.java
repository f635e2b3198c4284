package io.cloudbrowser.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading refs out of an aria snapshot's YAML, as an agent does: ours ({@code e12}) and playwright-mcp's ({@code f1e2}). */
public final class SnapshotRefs {
    private static final Pattern REF = Pattern.compile("\\[ref=([a-z0-9]+)]");

    private SnapshotRefs() {
    }

    /** The ref on the first line that holds {@code head} (such as {@code button "Save"}); fails if there is none. */
    public static String ref(String snapshot, String head) {
        for (String line : snapshot.split("\n")) {
            Matcher m = REF.matcher(line);
            if (line.contains("- " + head) && m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no ref for " + head + " in\n" + snapshot);
    }
}
