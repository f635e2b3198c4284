package io.cloudbrowser.controlplane.api.http;

import io.cloudbrowser.protocol.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One API call as handlers see it: no Netty types.
 *
 * @param userId     the authenticated user
 * @param pathParams values of the route's {@code {name}} segments
 * @param query      query parameters, each with every value given
 * @param headers    the request headers a route reads ({@code Idempotency-Key}), by lower-case name
 */
public record ApiRequest(String method, String path, String userId, Map<String, String> pathParams,
                         Map<String, List<String>> query, byte[] body, Map<String, String> headers) {
    public ApiRequest {
        headers = Map.copyOf(headers);
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(userId, "userId");
        pathParams = Map.copyOf(pathParams);
        query = Map.copyOf(query);
        Objects.requireNonNull(body, "body");
    }

    public ApiRequest(String method, String path, String userId, Map<String, String> pathParams,
                      Map<String, List<String>> query, byte[] body) {
        this(method, path, userId, pathParams, query, body, Map.of());
    }

    public Optional<String> header(String lowerCaseName) {
        return Optional.ofNullable(headers.get(lowerCaseName));
    }

    public String pathParam(String name) {
        return Objects.requireNonNull(pathParams.get(name), name);
    }

    /** The single value of a query parameter; given twice it is an error naming the parameter. */
    public Optional<String> queryParam(String name) {
        List<String> values = query.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw ApiException.field(ErrorCode.INVALID_FIELD, name, name + " given " + values.size() + " times");
        }
        return values.stream().findFirst();
    }
}
