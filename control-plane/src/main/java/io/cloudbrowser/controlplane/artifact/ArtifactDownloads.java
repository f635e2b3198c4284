package io.cloudbrowser.controlplane.artifact;

import io.cloudbrowser.controlplane.api.http.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Signed artifact URLs the control plane answers itself, at {@link #PATH}. */
public interface ArtifactDownloads {
    String PATH = "/artifacts/";

    ArtifactDownloads NONE = (path, query) -> Optional.empty();

    /** An object's bytes and content type. */
    record Download(byte[] bytes, String contentType) {
    }

    /**
     * The object a signed URL names; empty when the path names none (404).
     *
     * @throws ApiException {@code signed_url_invalid} or {@code signed_url_expired} (403)
     */
    Optional<Download> find(String path, Map<String, List<String>> query);
}
