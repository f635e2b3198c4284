package io.cloudbrowser.controlplane.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.controlplane.session.NewSession;
import io.cloudbrowser.protocol.Viewport;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** POST /api/sessions {@code {viewport?, ttlSeconds?, idleTimeoutSeconds?, startUrl?}}. */
final class CreateSessionBody {
    static final int MAX_URL_LENGTH = 2048;
    private static final Set<String> FIELDS = Set.of("viewport", "ttlSeconds", "idleTimeoutSeconds", "startUrl");
    private static final Set<String> VIEWPORT_FIELDS = Set.of("w", "h", "dpr");

    /** Defaults and upper bounds, from configuration. */
    record Limits(Viewport defaultViewport, Duration defaultTtl, Duration maxTtl, Duration defaultIdleTimeout,
                  Duration maxIdleTimeout) {
    }

    private CreateSessionBody() {
    }

    static NewSession parse(ObjectMapper json, byte[] body, Limits limits) {
        ObjectNode request = JsonFields.object(json, body);
        JsonFields.onlyKnown(request, "", FIELDS);
        Viewport viewport = JsonFields.object(request, "viewport").map(v -> viewport(v, limits.defaultViewport()))
                .orElse(limits.defaultViewport());
        Duration ttl = JsonFields.integer(request, "", "ttlSeconds", 1, seconds(limits.maxTtl()))
                .stream().mapToObj(Duration::ofSeconds).findFirst().orElse(limits.defaultTtl());
        Duration idle = JsonFields.integer(request, "", "idleTimeoutSeconds", 1, seconds(limits.maxIdleTimeout()))
                .stream().mapToObj(Duration::ofSeconds).findFirst().orElse(limits.defaultIdleTimeout());
        Optional<String> startUrl = JsonFields.string(request, "startUrl", MAX_URL_LENGTH);
        startUrl.ifPresent(url -> checkUrl("startUrl", url));
        return new NewSession(viewport, ttl, idle, startUrl);
    }

    static Viewport viewport(ObjectNode v, Viewport defaults) {
        JsonFields.onlyKnown(v, "viewport.", VIEWPORT_FIELDS);
        int w = JsonFields.integer(v, "viewport.", "w", Viewport.MIN_SIDE, Viewport.MAX_WIDTH).orElse(defaults.w());
        int h = JsonFields.integer(v, "viewport.", "h", Viewport.MIN_SIDE, Viewport.MAX_HEIGHT).orElse(defaults.h());
        double dpr = JsonFields.number(v, "viewport.", "dpr", 1, Viewport.MAX_DPR).orElse(defaults.dpr());
        return new Viewport(w, h, dpr);
    }

    /** http(s) URLs must parse with a host; data: URLs go as browsers take them; about:blank only. */
    static void checkUrl(String field, String url) {
        String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        boolean allowed = switch (scheme) {
            case "http", "https" -> hasHost(url);
            case "data" -> true;
            case "about" -> url.equals("about:blank");
            default -> false;
        };
        if (!allowed) {
            throw JsonFields.invalid(field, "an http(s) URL with a host, a data: URL or about:blank", url);
        }
    }

    private static boolean hasHost(String url) {
        try {
            return new URI(url).getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int seconds(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toSeconds());
    }
}
