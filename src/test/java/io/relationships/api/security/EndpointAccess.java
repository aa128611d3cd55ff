package io.relationships.api.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST and actuator endpoints with the least role each needs, and what every caller must get: the role
 * hierarchy (ADMIN ⊃ OPERATOR ⊃ VIEWER) holds on each, with reads open (embedded mode) or not (production).
 */
final class EndpointAccess {

    /** {@code read}: open to anyone when reads are open. */
    record Endpoint(String path, Role least, boolean read) {
        @Override
        public String toString() {
            return path;
        }
    }

    /** Who asks: nobody, or a key of a role. */
    enum Caller {
        ANONYMOUS(null), VIEWER(Role.VIEWER), OPERATOR(Role.OPERATOR), ADMIN(Role.ADMIN);

        final Role role;

        Caller(Role role) {
            this.role = role;
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("/api/relationships/stats", Role.VIEWER, true),
            new Endpoint("/reports/relationship_breakdown_2000-01-01T000000Z.txt", Role.VIEWER, true),
            new Endpoint("/admin/cache/stats", Role.VIEWER, true),
            new Endpoint("/v3/api-docs", Role.VIEWER, true),
            new Endpoint("/admin/session", Role.VIEWER, false),
            new Endpoint("/actuator/prometheus", Role.OPERATOR, false),
            new Endpoint("/actuator/metrics", Role.OPERATOR, false));

    private EndpointAccess() {
    }

    static Stream<Arguments> everyEndpointAndCaller() {
        return ENDPOINTS.stream().flatMap(endpoint -> Stream.of(Caller.values()).map(caller -> Arguments.of(endpoint, caller)));
    }

    /** Asks {@code endpoint} as {@code caller} (with {@code key}, null when anonymous) and checks the answer. */
    static void check(int port, Endpoint endpoint, Caller caller, String key, boolean openReads) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + endpoint.path())).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        String what = endpoint.path() + " as " + caller + " → " + response.statusCode() + " " + response.body();
        if (caller.role == null && !(endpoint.read() && openReads)) {
            assertThat(response.statusCode()).as(what).isEqualTo(401);
        } else if (caller.role != null && caller.role.ordinal() < endpoint.least().ordinal()) {
            assertThat(response.statusCode()).as(what).isEqualTo(403);
        } else {
            // a report that was never saved is not found: the caller got past the check
            assertThat(response.statusCode()).as(what).isEqualTo(endpoint.path().startsWith("/reports/") ? 404 : 200);
        }
    }
}
