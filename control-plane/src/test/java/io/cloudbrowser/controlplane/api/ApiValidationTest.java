package io.cloudbrowser.controlplane.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.controlplane.ControlPlane;
import io.cloudbrowser.controlplane.Main;
import io.cloudbrowser.controlplane.testing.ApiClient;
import io.cloudbrowser.controlplane.testing.LeftoverProcesses;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every refusal the API answers before a sandbox is involved: 400, 401, 404, 405, 413, 429. */
@ExtendWith(LeftoverProcesses.class)
class ApiValidationTest {
    private static final String CAROL_KEY = "carol-key-0123456789";
    private static ControlPlane plane;
    private static ApiClient alice;

    @BeforeAll
    static void start() {
        plane = Main.newServer(TestEnvironment.config(TestEnvironment.newDataDir("validation"),
                "--api-keys", "alice:" + TestEnvironment.ALICE_KEY + ",carol:" + CAROL_KEY,
                "--rate-limit", "1", "--rate-burst", "1000"));
        alice = new ApiClient(plane.publicUrl(), TestEnvironment.ALICE_KEY);
    }

    @AfterAll
    static void stop() {
        plane.close();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "'not json'                              | bad_json      | ",
        "'[1,2]'                                 | bad_json      | ",
        "'{\"ttlSeconds\":1,\"ttlSeconds\":2}'   | bad_json      | ",
        "'{\"color\":\"red\"}'                   | unknown_field | color",
        "'{\"viewport\":{\"w\":800,\"z\":1}}'    | unknown_field | viewport.z",
        "'{\"viewport\":\"800x600\"}'            | invalid_field | viewport",
        "'{\"viewport\":{\"w\":100}}'            | invalid_field | viewport.w",
        "'{\"viewport\":{\"h\":5000}}'           | invalid_field | viewport.h",
        "'{\"viewport\":{\"w\":800.5}}'          | invalid_field | viewport.w",
        "'{\"viewport\":{\"dpr\":4}}'            | invalid_field | viewport.dpr",
        "'{\"ttlSeconds\":0}'                    | invalid_field | ttlSeconds",
        "'{\"ttlSeconds\":86401}'                | invalid_field | ttlSeconds",
        "'{\"ttlSeconds\":\"60\"}'               | invalid_field | ttlSeconds",
        "'{\"idleTimeoutSeconds\":-1}'           | invalid_field | idleTimeoutSeconds",
        "'{\"idleTimeoutSeconds\":3601}'         | invalid_field | idleTimeoutSeconds",
        "'{\"startUrl\":\"javascript:alert(1)\"}' | invalid_field | startUrl",
        "'{\"startUrl\":\"file:///etc/passwd\"}' | invalid_field | startUrl",
        "'{\"startUrl\":\"\"}'                   | invalid_field | startUrl",
        "'{\"startUrl\":\"http://\"}'            | invalid_field | startUrl",
        "'{\"startUrl\":\"about:config\"}'       | invalid_field | startUrl",
        "'{\"startUrl\":42}'                     | invalid_field | startUrl",
    })
    void badCreateBodiesNameTheirField(String body, String code, String field) {
        ApiClient.Response response = alice.post("/api/sessions", body);
        assertEquals(400, response.status(), response.body().toString());
        assertEquals(code, response.errorCode());
        assertEquals(field, response.errorField());
        assertNotNull(response.body().path("error").path("message").asText(null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "'{}'                                  | role",
        "'{\"role\":\"admin\"}'                | role",
        "'{\"role\":\"viewer\",\"ttlSeconds\":0}' | ttlSeconds",
        "'{\"role\":\"viewer\",\"x\":1}'       | x",
    })
    void badTokenBodiesNameTheirField(String body, String field) {
        ApiClient.Response response = alice.post("/api/sessions/s-none/tokens", body);
        assertEquals(400, response.status(), response.body().toString());
        assertEquals(field, response.errorField());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/api/sessions?limit=0        | invalid_field | limit",
        "/api/sessions?limit=101      | invalid_field | limit",
        "/api/sessions?limit=ten      | invalid_field | limit",
        "/api/sessions?limit=1&limit=2 | invalid_field | limit",
        "/api/sessions?cursor=%25%25  | invalid_field | cursor",
        "/api/sessions?cursor=bm9wZQ  | invalid_field | cursor",
        "/api/sessions?status=ready   | unknown_field | status",
    })
    void badListQueriesNameTheirParameter(String path, String code, String field) {
        ApiClient.Response response = alice.get(path);
        assertEquals(400, response.status(), String.valueOf(response.body()));
        assertEquals(code, response.errorCode());
        assertEquals(field, response.errorField());
    }

    @Test
    void apiKeysAreRequiredAndChecked() {
        assertEquals("unauthorized", new ApiClient(plane.publicUrl(), null).get("/api/sessions").errorCode());
        assertEquals(401, new ApiClient(plane.publicUrl(), "wrong-key-0123456789").get("/api/sessions").status());
        ApiClient.Response basic = new ApiClient(plane.publicUrl(), null).send("GET", "/api/sessions", null,
                Map.of("Authorization", "Basic YWxpY2U6eA=="));
        assertEquals(401, basic.status());
        ApiClient.Response header = new ApiClient(plane.publicUrl(), null).send("GET", "/api/sessions", null,
                Map.of("x-api-key", TestEnvironment.ALICE_KEY));
        assertEquals(200, header.status());
        assertTrue(header.body().path("sessions").isArray());
    }

    @Test
    void unknownThingsAre404() {
        assertEquals("session_not_found", alice.get("/api/sessions/s-000000000000000000000000").errorCode());
        assertEquals("session_not_found", alice.delete("/api/sessions/s-nope").errorCode());
        assertEquals("session_not_found", alice.delete("/api/sessions/s-nope/tokens/j-1").errorCode());
        assertEquals("session_not_found", alice.post("/api/sessions/s-nope/tokens", "{\"role\":\"viewer\"}").errorCode());
        assertEquals("not_found", alice.get("/api/nothing").errorCode());
        assertEquals("not_found", alice.get("/nothing.html").errorCode());
        assertEquals(404, alice.get("/../pom.xml").status());
    }

    @Test
    void wrongMethodsAre405WithAllow() {
        ApiClient.Response put = alice.send("PUT", "/api/sessions/s-1", "{}", Map.of());
        assertEquals(405, put.status());
        assertEquals("method_not_allowed", put.errorCode());
        assertEquals("DELETE, GET", put.header("allow"));
        assertEquals("GET, POST", alice.send("PATCH", "/api/sessions", "{}", Map.of()).header("allow"));
        assertEquals(405, alice.post("/health", "{}").status());
        assertEquals(405, alice.send("DELETE", "/viewer.html", null, Map.of()).status());
    }

    @Test
    void oversizedBodiesAre413() {
        ApiClient.Response response = alice.post("/api/sessions", "{\"startUrl\":\"" + "a".repeat(70_000) + "\"}");
        assertEquals(413, response.status());
        assertEquals("body_too_large", response.errorCode());
    }

    @Test
    void eachKeyHasItsOwnRateLimit() {
        ApiClient carol = new ApiClient(plane.publicUrl(), CAROL_KEY);
        ApiClient.Response limited = null;
        for (int i = 0; i < 1100 && limited == null; i++) {
            ApiClient.Response response = carol.get("/api/sessions?limit=1");
            if (response.status() == 429) {
                limited = response;
            }
        }
        assertNotNull(limited, "burst of 1000 at 1/s must run out");
        assertEquals("rate_limited", limited.errorCode());
        assertTrue(Integer.parseInt(limited.header("retry-after")) >= 1);
        assertEquals(200, alice.get("/api/sessions").status(), "alice has her own bucket");
    }

    @Test
    void healthReadinessAndTheWebClient() {
        ApiClient anonymous = new ApiClient(plane.publicUrl(), null);
        assertEquals("ok", anonymous.get("/health").body().path("status").asText());
        ApiClient.Response ready = anonymous.get("/ready");
        assertEquals(200, ready.status(), String.valueOf(ready.body()));
        assertTrue(ready.body().path("checks").path("store").asBoolean());
        ApiClient.Response index = anonymous.get("/");
        assertEquals(200, index.status());
        assertEquals("text/html; charset=utf-8", index.header("content-type"));
        assertEquals("text/html; charset=utf-8", anonymous.get("/viewer.html").header("content-type"));
        assertEquals("text/javascript; charset=utf-8", anonymous.get("/viewer.js").header("content-type"));
        ApiClient.Response head = anonymous.send("HEAD", "/viewer.js", null, Map.of());
        assertEquals(200, head.status());
    }

    @Test
    void aFirstStartWithoutKeysGeneratesOneOnceAndItKeepsWorking() {
        var dataDir = TestEnvironment.newDataDir("first-start");
        String generated;
        try (ControlPlane first = Main.newServer(TestEnvironment.config(dataDir, "--api-keys", ""))) {
            generated = first.generatedApiKey().orElseThrow();
            assertEquals(200, new ApiClient(first.publicUrl(), generated).get("/api/sessions").status());
        }
        try (ControlPlane second = Main.newServer(TestEnvironment.config(dataDir, "--api-keys", ""))) {
            assertTrue(second.generatedApiKey().isEmpty(), "shown once only");
            assertEquals(200, new ApiClient(second.publicUrl(), generated).get("/api/sessions").status());
        }
    }
}
