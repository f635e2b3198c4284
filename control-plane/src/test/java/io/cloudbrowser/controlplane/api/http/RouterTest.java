package io.cloudbrowser.controlplane.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static final Route.Handler NONE = request -> CompletableFuture.completedFuture(ApiResponse.noContent());
    private final Router router = new Router(List.of(
            new Route("GET", "/api/sessions/{id}", NONE),
            new Route("DELETE", "/api/sessions/{id}", NONE),
            new Route("DELETE", "/api/sessions/{id}/tokens/{tokenId}", NONE)));

    @Test
    void matchesWithParameters() {
        Router.Match match = router.match("DELETE", "/api/sessions/s-1/tokens/j-2");
        assertTrue(match.route().isPresent());
        assertEquals(Map.of("id", "s-1", "tokenId", "j-2"), match.params());
    }

    @Test
    void wrongMethodListsTheAllowedOnes() {
        Router.Match match = router.match("PUT", "/api/sessions/s-1");
        assertTrue(match.route().isEmpty());
        assertEquals(Set.of("DELETE", "GET"), match.allowed());
    }

    @Test
    void unknownPathsAndEmptySegmentsMatchNothing() {
        assertTrue(router.match("GET", "/api/sessions/").allowed().isEmpty());
        assertTrue(router.match("GET", "/api/sessions/s-1/extra").route().isEmpty());
        assertTrue(router.match("GET", "/api/other").allowed().isEmpty());
    }
}
