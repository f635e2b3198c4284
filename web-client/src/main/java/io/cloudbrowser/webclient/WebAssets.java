package io.cloudbrowser.webclient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web client's files from {@code /web} in this jar, looked up for the servers that serve them (the
 * control plane, where {@code /} is the sessions page, and browserd, where it is the viewer). Only plain names
 * with a known extension are found, so no path can climb out of {@code /web} or list a directory.
 */
public final class WebAssets {
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

    private static final String ROOT = "web";

    /** A file's bytes and content type. */
    public record Asset(byte[] content, String contentType) {
    }

    private final String index;
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    /** @param index the file served for {@code /}, e.g. {@code /index.html} */
    public WebAssets(String index) {
        this.index = index;
    }

    /** The file for a decoded request path, if it is a safe path to an existing file. */
    public Optional<Asset> find(String path) {
        String file = path.equals("/") ? index : path;
        if (!SAFE_PATH.matcher(file).matches() || file.contains("..")) {
            return Optional.empty();
        }
        String type = CONTENT_TYPES.get(extension(file));
        if (type == null) {
            return Optional.empty();
        }
        Asset cached = cache.get(file);
        if (cached != null) {
            return Optional.of(cached);
        }
        // Only files found are cached: misses must not grow memory with every path tried.
        Optional<Asset> loaded = load(file, type);
        loaded.ifPresent(found -> cache.put(file, found));
        return loaded;
    }

    private Optional<Asset> load(String file, String type) {
        try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream(ROOT + file)) {
            return in == null ? Optional.empty() : Optional.of(new Asset(in.readAllBytes(), type));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT + file, e);
        }
    }

    private static String extension(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? "" : file.substring(dot + 1);
    }
}
