package io.relationships.sector;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Massive/Polygon ticker details ({@code GET /v3/reference/tickers/{ticker}?apiKey=…}): {@code results.sic_code}
 * and {@code results.sic_description}. Rate-limited to the plan's requests per minute and retried with
 * exponential backoff on 429, 5xx and timeouts (resilience4j); 404 means "unknown ticker".
 */
@Component
class PolygonTickerDetails implements TickerDetailsProvider {

    /** Worth another try: rate limited, a server error, a timeout. */
    static final class Transient extends RuntimeException {
        Transient(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final SectorProperties.Provider settings;
    private final HttpClient http;
    private final RateLimiter rateLimiter;
    private final Retry retry;
    private final JsonMapper json = JsonMapper.builder().build();

    PolygonTickerDetails(SectorProperties properties) {
        this.settings = properties.provider();
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        this.rateLimiter = RateLimiter.of("sector-provider", RateLimiterConfig.custom()
                .limitForPeriod(Math.max(1, settings.requestsPerMinute()))
                .limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(Duration.ofMinutes(2))
                .build());
        this.retry = Retry.of("sector-provider", RetryConfig.custom()
                .maxAttempts(Math.max(1, settings.maxAttempts()))
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.initialBackoff(), 2.0))
                .retryExceptions(Transient.class)
                .build());
    }

    @Override
    public Optional<TickerDetails> details(String symbol) throws ProviderException {
        if (settings.apiKey() == null || settings.apiKey().isBlank()) {
            throw new ProviderException("no API key: set relationships.sectors.provider.api-key", null);
        }
        try {
            return Retry.decorateCheckedSupplier(retry, RateLimiter.decorateCheckedSupplier(rateLimiter, () -> fetch(symbol))).get();
        } catch (Transient e) {
            throw new ProviderException("the provider failed for " + symbol + " after " + settings.maxAttempts() + " attempts: "
                    + e.getMessage(), e);
        } catch (ProviderException e) {
            throw e;
        } catch (Throwable e) {
            throw new ProviderException("the provider failed for " + symbol + ": " + e.getMessage(), e);
        }
    }

    private Optional<TickerDetails> fetch(String symbol) throws ProviderException {
        URI uri = URI.create(settings.baseUrl().replaceAll("/$", "") + "/v3/reference/tickers/"
                + URLEncoder.encode(symbol, StandardCharsets.UTF_8) + "?apiKey=" + URLEncoder.encode(settings.apiKey(), StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new Transient("timed out after " + settings.timeout().toMillis() + " ms", e);
        } catch (IOException e) {
            throw new Transient("could not reach the provider: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted", e);
        }
        int status = response.statusCode();
        if (status == 404) {
            return Optional.empty();
        }
        if (status == 429 || status >= 500) {
            throw new Transient("HTTP " + status + (status == 429 ? " (rate limited)" : ""), null);
        }
        if (status == 401 || status == 403) {
            throw new ProviderException("the provider rejected the API key (HTTP " + status + ")", null);
        }
        if (status != 200) {
            throw new ProviderException("unexpected HTTP " + status + " from the provider", null);
        }
        try {
            JsonNode results = json.readTree(response.body()).path("results");
            if (!results.isObject()) {
                throw new ProviderException("the provider's answer has no 'results' object", null);
            }
            JsonNode sic = results.path("sic_code");
            Integer code = sic.isMissingNode() || sic.isNull() ? null : Integer.valueOf(sic.asString().strip());
            return Optional.of(new TickerDetails(symbol, code, results.path("sic_description").asString(null)));
        } catch (JacksonException | NumberFormatException e) {
            throw new ProviderException("the provider's answer is not valid JSON ticker details: " + e.getMessage(), e);
        }
    }
}
