package io.cloudbrowser.controlplane.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudbrowser.controlplane.api.http.Router;
import io.cloudbrowser.controlplane.artifact.ArtifactDownloads;
import io.cloudbrowser.controlplane.auth.ApiKeyRegistry;
import io.cloudbrowser.controlplane.policy.RateLimiter;
import io.cloudbrowser.webclient.WebAssets;

/** What every connection's {@link ApiHttpHandler} shares. */
public record ApiServices(ObjectMapper json, HttpResponses responses, Router apiRouter, ApiKeyRegistry apiKeys,
                          RateLimiter rateLimiter, WebAssets staticFiles, UpgradeHandler gateway,
                          HealthChecks health, McpHttp mcp, ArtifactDownloads artifacts) {
}
