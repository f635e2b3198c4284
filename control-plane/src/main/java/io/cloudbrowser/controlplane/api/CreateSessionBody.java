package io.cloudbrowser.controlplane.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.controlplane.session.NewSession;
import io.cloudbrowser.controlplane.session.Viewport;
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
    private static final Set<String> URL_SCHEMES = Set.of("http", "https", "data");

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
        startUrl.ifPresent(CreateSessionBody::checkUrl);
        return new NewSession(viewport, ttl, idle, startUrl);
    }

    private static Viewport viewport(ObjectNode v, Viewport defaults) {
        JsonFields.onlyKnown(v, "viewport.", VIEWPORT_FIELDS);
        int w = JsonFields.integer(v, "viewport.", "w", Viewport.MIN_SIDE, Viewport.MAX_WIDTH).orElse(defaults.w());
        int h = JsonFields.integer(v, "viewport.", "h", Viewport.MIN_SIDE, Viewport.MAX_HEIGHT).orElse(defaults.h());
        double dpr = JsonFields.number(v, "viewport.", "dpr", 1, Viewport.MAX_DPR).orElse(defaults.dpr());
        return new Viewport(w, h, dpr);
    }

    private static void checkUrl(String url) {
        try {
            String scheme = new URI(url).getScheme();
            boolean allowed = url.equals("about:blank")
                    || scheme != null && URL_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT));
            if (!allowed) {
                throw JsonFields.invalid("startUrl", "an http, https, data: or about:blank URL", url);
            }
        } catch (URISyntaxException e) {
            throw JsonFields.invalid("startUrl", "a URL", url);
        }
    }

    private static int seconds(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toSeconds());
    }
}
