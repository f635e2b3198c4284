package io.cloudbrowser.controlplane.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web client's files from {@code /web} on the classpath (the web-client jar): {@code /} is
 * index.html. Only plain names with a known extension are served, so no path can climb out of
 * {@code /web} or list a directory.
 */
public final class StaticFiles {
    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+");
    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("wasm", "application/wasm"));

    /** A file's bytes and content type. */
    public record StaticFile(byte[] content, String contentType) {
    }

    private final String root;
    private final ClassLoader loader;
    private final Map<String, StaticFile> cache = new ConcurrentHashMap<>();

    /** @param root classpath directory, e.g. {@code web} */
    public StaticFiles(String root, ClassLoader loader) {
        this.root = root;
        this.loader = loader;
    }

    /** The file for a decoded request path, if it is a safe path to an existing file. */
    public Optional<StaticFile> find(String path) {
        String file = path.equals("/") ? "/index.html" : path;
        if (!SAFE_PATH.matcher(file).matches() || file.contains("..")) {
            return Optional.empty();
        }
        String type = CONTENT_TYPES.get(extension(file));
        if (type == null) {
            return Optional.empty();
        }
        StaticFile cached = cache.get(file);
        if (cached != null) {
            return Optional.of(cached);
        }
        // Only files found are cached: misses must not grow memory with every path tried.
        Optional<StaticFile> loaded = load(file, type);
        loaded.ifPresent(found -> cache.put(file, found));
        return loaded;
    }

    private Optional<StaticFile> load(String file, String type) {
        try (InputStream in = loader.getResourceAsStream(root + file)) {
            return in == null ? Optional.empty() : Optional.of(new StaticFile(in.readAllBytes(), type));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root + file, e);
        }
    }

    private static String extension(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? "" : file.substring(dot + 1);
    }
}
