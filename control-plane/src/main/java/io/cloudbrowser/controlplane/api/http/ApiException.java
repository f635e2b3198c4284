package io.cloudbrowser.controlplane.api.http;

import io.cloudbrowser.protocol.ErrorCode;
import java.util.Map;
import java.util.Optional;

/** An error answer: {@code {"error":{"code","message","field?"}}} with the code's status. */
public final class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final Optional<String> field;
    private final Map<String, String> headers;

    public ApiException(ErrorCode code, String message) {
        this(code, message, Optional.empty(), Map.of());
    }

    private ApiException(ErrorCode code, String message, Optional<String> field, Map<String, String> headers) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
        this.headers = Map.copyOf(headers);
    }

    /** A request field that is wrong: {@code field} is its JSON path or query parameter name. */
    public static ApiException field(ErrorCode code, String field, String message) {
        return new ApiException(code, message, Optional.of(field), Map.of());
    }

    public static ApiException withHeaders(ErrorCode code, String message, Map<String, String> headers) {
        return new ApiException(code, message, Optional.empty(), headers);
    }

    public ErrorCode code() {
        return code;
    }

    public Optional<String> field() {
        return field;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
