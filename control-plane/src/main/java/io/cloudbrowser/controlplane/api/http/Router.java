package io.cloudbrowser.controlplane.api.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Finds the route for a method and path, or says why none fits (404, or 405 with the allowed methods). */
public final class Router {
    private final List<Route> routes;

    public Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** What a lookup found. {@code route} is empty for 404 ({@code allowed} empty) or 405. */
    public record Match(Optional<Route> route, Map<String, String> params, Set<String> allowed) {
    }

    public Match match(String method, String path) {
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> params = route.match(path);
            if (params.isEmpty()) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Match(Optional.of(route), params.get(), Set.of());
            }
            allowed.add(route.method());
        }
        return new Match(Optional.empty(), Map.of(), allowed);
    }
}
