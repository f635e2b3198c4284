package io.cloudbrowser.controlplane.server;

import io.cloudbrowser.webclient.WebAssets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudbrowser.controlplane.auth.ApiKeyRegistry;

/** What every connection's {@link ApiHttpHandler} shares. */
public record ApiServices(ObjectMapper json, HttpResponses responses, Router apiRouter, ApiKeyRegistry apiKeys,
                          RateLimiter rateLimiter, WebAssets staticFiles, UpgradeHandler gateway,
                          HealthChecks health) {
}
