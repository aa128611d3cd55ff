package io.relationships.sector;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP provider against a stub server on this machine: never the internet. */
class PolygonTickerDetailsTest {

    WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    PolygonTickerDetails provider(String apiKey) {
        return new PolygonTickerDetails(new SectorProperties(List.of("provider"), Map.of(), new SectorProperties.Provider(
                true, server.baseUrl(), apiKey, 600, 3, Duration.ofMillis(10), Duration.ofMillis(500), 100)));
    }

    static final String AAPL = """
            {"request_id": "x", "status": "OK", "results": {"ticker": "AAPL", "name": "Apple Inc.", "sic_code": "3571",
             "sic_description": "ELECTRONIC COMPUTERS"}}""";

    @Test
    void readsTheSicCode() throws Exception {
        server.stubFor(get(urlPathEqualTo("/v3/reference/tickers/AAPL")).willReturn(aResponse().withStatus(200).withBody(AAPL)));
        var details = provider("secret").details("AAPL").orElseThrow();
        assertThat(details.sicCode()).isEqualTo(3571);
        assertThat(details.sicDescription()).isEqualTo("ELECTRONIC COMPUTERS");
        server.verify(getRequestedFor(urlPathEqualTo("/v3/reference/tickers/AAPL")).withQueryParam("apiKey",
                WireMock.equalTo("secret")));
    }

    @Test
    void anUnknownTickerIsNoAnswerNotAnError() throws Exception {
        server.stubFor(get(urlPathEqualTo("/v3/reference/tickers/ZZZZ")).willReturn(aResponse().withStatus(404)));
        assertThat(provider("secret").details("ZZZZ")).isEmpty();
    }

    @Test
    void rateLimitedThenAnsweredIsRetried() throws Exception {
        server.stubFor(get(urlPathEqualTo("/v3/reference/tickers/AAPL")).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429)).willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo("/v3/reference/tickers/AAPL")).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody(AAPL)));
        assertThat(provider("secret").details("AAPL")).isPresent();
        server.verify(2, getRequestedFor(urlPathEqualTo("/v3/reference/tickers/AAPL")));
    }

    @Test
    void serverErrorsGiveUpAfterTheConfiguredAttempts() {
        server.stubFor(get(urlPathEqualTo("/v3/reference/tickers/AAPL")).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> provider("secret").details("AAPL"))
                .isInstanceOf(TickerDetailsProvider.ProviderException.class)
                .hasMessageContaining("after 3 attempts").hasMessageContaining("HTTP 503");
        server.verify(3, getRequestedFor(urlPathEqualTo("/v3/reference/tickers/AAPL")));
    }

    @Test
    void aSlowProviderTimesOut() {
        server.stubFor(get(urlPathEqualTo("/v3/reference/tickers/AAPL")).willReturn(aResponse().withStatus(200).withBody(AAPL)
                .withFixedDelay(2_000)));
        assertThatThrownBy(() -> provider("secret").details("AAPL"))
                .isInstanceOf(TickerDetailsProvider.ProviderException.class).hasMessageContaining("timed out");
    }

    @Test
    void malformedJsonIsAClearError() {
        server.stubFor(get(urlPathEqualTo("/v3/reference/tickers/AAPL")).willReturn(aResponse().withStatus(200).withBody("{\"results\": {")));
        assertThatThrownBy(() -> provider("secret").details("AAPL"))
                .isInstanceOf(TickerDetailsProvider.ProviderException.class).hasMessageContaining("not valid JSON");
        server.verify(1, getRequestedFor(urlPathEqualTo("/v3/reference/tickers/AAPL")));
    }

    @Test
    void aRejectedKeyIsNotRetried() {
        server.stubFor(get(urlPathEqualTo("/v3/reference/tickers/AAPL")).willReturn(aResponse().withStatus(401)));
        assertThatThrownBy(() -> provider("wrong").details("AAPL"))
                .isInstanceOf(TickerDetailsProvider.ProviderException.class).hasMessageContaining("API key");
        server.verify(1, getRequestedFor(urlPathEqualTo("/v3/reference/tickers/AAPL")));
    }

    @Test
    void noKeyNoRequest() {
        assertThatThrownBy(() -> provider(null).details("AAPL")).hasMessageContaining("api-key");
        server.verify(0, getRequestedFor(urlPathEqualTo("/v3/reference/tickers/AAPL")));
    }
}
