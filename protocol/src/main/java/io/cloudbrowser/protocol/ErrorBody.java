package io.cloudbrowser.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * The one error body of every HTTP answer, browserd's and the control plane's:
 * {@code {"error":{"code":"...","message":"...","field":"..."}}} ({@code field} only when one field is at fault).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorBody(Detail error) {
    public ErrorBody {
        Objects.requireNonNull(error, "error");
    }

    public static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(new Detail(code.wireName(), message, null));
    }

    public static ErrorBody of(ErrorCode code, String message, String field) {
        return new ErrorBody(new Detail(code.wireName(), message, field));
    }

    /** @param field the JSON path or query parameter at fault; null when none is */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Detail(String code, String message, String field) {
        public Detail {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }
}
