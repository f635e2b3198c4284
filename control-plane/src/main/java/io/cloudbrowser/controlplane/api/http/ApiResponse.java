package io.cloudbrowser.controlplane.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/** A JSON answer (or none, for 204). */
public record ApiResponse(int status, Optional<JsonNode> body, Map<String, String> headers) {
    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, Optional.of(body), Map.of());
    }

    public static ApiResponse created(JsonNode body) {
        return new ApiResponse(201, Optional.of(body), Map.of());
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, Optional.empty(), Map.of());
    }

    public static ApiResponse status(int status, JsonNode body) {
        return new ApiResponse(status, Optional.of(body), Map.of());
    }
}
