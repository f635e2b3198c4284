package io.cloudbrowser.controlplane.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.controlplane.ControlPlane;
import io.cloudbrowser.controlplane.Main;
import io.cloudbrowser.controlplane.testing.ApiClient;
import io.cloudbrowser.controlplane.testing.LeftoverProcesses;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.protocol.ErrorCode;
import io.cloudbrowser.testing.JsonMutations;
import io.cloudbrowser.testing.RawHttp;
import io.cloudbrowser.testing.WsClient;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Abuse drill, REST API: wrong bodies ({@link JsonMutations} of every body the API takes, junk, over the size
 * limit), wrong path parameters, wrong methods, wrong and oversized Authorization and Content-Type headers, sent
 * over raw sockets. Every answer is a 4xx with a JSON error naming a code of PROTOCOL.md section 12, none is a 5xx
 * or a hang, and the live session is unharmed. The user is at quota, so a mutation that happens to be valid meets
 * {@code quota_exceeded} instead of starting a sandbox. {@code -Ddrill.full=true} cuts bodies at every character.
 */
@ExtendWith(LeftoverProcesses.class)
class ApiFuzzTest {
    private static final boolean FULL = Boolean.getBoolean("drill.full");
    private static final Set<String> CODES = Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName)
            .collect(Collectors.toSet());
    private static final String CREATE = "{\"viewport\":{\"w\":1280,\"h\":720,\"dpr\":1},\"ttlSeconds\":600,"
            + "\"idleTimeoutSeconds\":120,\"startUrl\":\"about:blank\"}";
    private static final String TOKEN = "{\"role\":\"viewer\",\"ttlSeconds\":60}";

    record Case(String method, String path, Map<String, String> headers, String body) {
        @Override
        public String toString() {
            return method + " " + path + " " + headers + " " + (body.length() > 120 ? body.substring(0, 120) + "..." : body);
        }
    }

    @Test
    void everyWrongRequestIsANamed4xxAndTheSessionCarriesOn() {
        try (ControlPlane plane = Main.newServer(TestEnvironment.config(TestEnvironment.newDataDir("api-fuzz"),
                "--max-sessions-per-user", "1", "--rate-limit", "1000000", "--rate-burst", "1000000"))) {
            ApiClient alice = new ApiClient(plane.publicUrl(), TestEnvironment.ALICE_KEY);
            JsonNode session = alice.createSession("{}");
            String id = session.path("id").asText();
            List<Case> cases = cases(id);
            assertTrue(cases.size() > 400, "hundreds of cases: " + cases.size());
            List<String> wrong = new ArrayList<>();
            for (Case c : cases) {
                RawHttp.Response r;
                try {
                    r = RawHttp.exchange(plane.publicUrl().getPort(), c.method(), c.path(), c.headers(), c.body());
                } catch (UncheckedIOException e) {
                    wrong.add("no answer (" + e.getCause().getMessage() + ") <- " + c);
                    continue;
                }
                if (r.status() < 400 || r.status() >= 500 || !CODES.contains(r.errorCode())) {
                    if (!(r.status() == 201 && c.path().endsWith("/tokens"))) { // a valid mutation of a token request
                        wrong.add(r.status() + " " + r.body() + " <- " + c);
                    }
                }
            }
            assertEquals(List.of(), wrong.stream().limit(20).toList(), wrong.size() + " answers were not a named 4xx");
            assertEquals("ready", alice.get("/api/sessions/" + id).body().path("status").asText());
            try (WsClient ws = WsClient.connect(session.path("wsUrl").asText(), session.path("token").asText())) {
                assertTrue(ws.call("state", null).path("ok").asBoolean(), "the session still works");
            }
            System.out.println("api fuzz: " + cases.size() + " requests, every one a named 4xx; session working");
        }
    }

    private static List<Case> cases(String id) {
        Map<String, String> json = headers("Bearer " + TestEnvironment.ALICE_KEY, "application/json");
        List<Case> cases = new ArrayList<>();
        List<String> creates = new ArrayList<>(JsonMutations.of(CREATE, FULL ? 1 : 3));
        creates.addAll(JsonMutations.junk());
        creates.add("{\"startUrl\":\"" + "x".repeat(70 * 1024) + "\"}"); // over the body limit
        creates.forEach(b -> cases.add(new Case("POST", "/api/sessions", json, b)));
        List<String> tokens = new ArrayList<>(JsonMutations.of(TOKEN, FULL ? 1 : 3));
        tokens.addAll(JsonMutations.junk());
        tokens.forEach(b -> cases.add(new Case("POST", "/api/sessions/" + id + "/tokens", json, b)));
        for (String bad : List.of("", "x", "x".repeat(2000), "%00", "..%2F..%2Fetc", "%E2%80%AE", "s-" + "9".repeat(64),
                id + "%20", id.toUpperCase(), "%", "%zz", "%%", "%e2%82", "a/b", id + "/", ";", "'--", "?token=%zz", "?%=x")) {
            for (String path : List.of("/api/sessions/" + bad, "/api/sessions/" + bad + "/tokens",
                    "/api/sessions/" + id + "/tokens/" + bad)) {
                cases.add(new Case("GET", path, json, ""));
                cases.add(new Case("DELETE", path, json, ""));
                cases.add(new Case("POST", path, json, TOKEN));
            }
        }
        for (String method : List.of("PUT", "PATCH", "OPTIONS", "TRACE", "FOO")) {
            cases.add(new Case(method, "/api/sessions", json, CREATE));
            cases.add(new Case(method, "/api/sessions/" + id, json, ""));
        }
        for (String auth : List.of("", "Bearer", "Bearer ", "Bearer x", "Basic YWxpY2U6cGFzcw==",
                "Bearer " + "k".repeat(3000), "bearer " + TestEnvironment.ALICE_KEY + "x", TestEnvironment.ALICE_KEY,
                "Bearer " + TestEnvironment.ALICE_KEY.substring(1))) {
            cases.add(new Case("GET", "/api/sessions", headers(auth, "application/json"), ""));
            cases.add(new Case("POST", "/api/sessions", headers(auth, "application/json"), CREATE));
            cases.add(new Case("DELETE", "/api/sessions/" + id, headers(auth, "application/json"), ""));
        }
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "",
                "application/json; charset=latin1")) {
            cases.add(new Case("POST", "/api/sessions", headers("Bearer " + TestEnvironment.ALICE_KEY, type), "ttlSeconds=5"));
        }
        return cases;
    }

    private static Map<String, String> headers(String authorization, String contentType) {
        Map<String, String> h = new LinkedHashMap<>();
        if (!authorization.isEmpty()) {
            h.put("Authorization", authorization);
        }
        if (!contentType.isEmpty()) {
            h.put("Content-Type", contentType);
        }
        return h;
    }
}
