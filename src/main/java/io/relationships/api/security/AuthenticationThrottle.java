package io.relationships.api.security;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Slows down guessing of passwords and API keys: failed authentications are counted per client address and per
 * account; after {@link SecurityProperties.Throttle#freeFailures()} in a row, attempts from that address or for that
 * account are refused without checking the secret, for a time that doubles with every further failure. Each
 * failure is logged (never the secret) and counted in {@code relationships.auth.failures} (tag {@code kind}),
 * each refusal in {@code relationships.auth.throttled}.
 * <p>
 * The counts live in this instance's memory: behind a load balancer, a guesser spread over n instances gets n times
 * the attempts, still at a rate that doubles its wait. A login resets its account's count, not its address's (one
 * valid login must not buy unlimited guesses at other accounts).
 */
@Component
class AuthenticationThrottle {

    private static final Logger log = LoggerFactory.getLogger(AuthenticationThrottle.class);

    enum Kind {
        BASIC, FORM, API_KEY;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The details of a login attempt (Basic or the form), from which the failure and success events are told apart. */
    record Attempt(Kind kind, String client) implements Serializable {
    }

    /** Failures in a row of one address or account, and until when it is refused. */
    private record Failures(int count, Instant blockedUntil) {
    }

    private final SecurityProperties.Throttle settings;
    private final Cache<String, Failures> clients;
    private final Cache<String, Failures> accounts;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    AuthenticationThrottle(SecurityProperties properties, MeterRegistry meters) {
        this.settings = properties.throttle();
        this.meters = meters;
        // bounded: a flood of made-up accounts or addresses costs memory up to here, then evicts the least recent
        this.clients = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(settings.forgetAfter()).build();
        this.accounts = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(settings.forgetAfter()).build();
    }

    /** How long attempts from {@code client}, or for {@code account} (null when none is named), are still refused. */
    Optional<Duration> blocked(String client, String account) {
        Instant now = clock.instant();
        Instant until = later(until(clients.getIfPresent(client)), account == null ? null : until(accounts.getIfPresent(key(account))));
        return until != null && until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    void refused(Kind kind) {
        Counter.builder("relationships.auth.throttled").tag("kind", kind.tag())
                .description("authentication attempts refused unchecked after too many failures").register(meters).increment();
    }

    void failed(Kind kind, String client, String account) {
        Failures byClient = clients.asMap().compute(client, (k, previous) -> next(previous));
        Failures byAccount = account == null ? null : accounts.asMap().compute(key(account), (k, previous) -> next(previous));
        Counter.builder("relationships.auth.failures").tag("kind", kind.tag())
                .description("failed authentications (wrong password, unknown or revoked API key)").register(meters).increment();
        Instant until = later(until(byClient), until(byAccount));
        log.warn("Failed {} authentication{} from {} (in a row: {} from this address{}){}", kind.tag(),
                account == null ? "" : " as '" + printable(account) + "'", client, byClient.count(),
                byAccount == null ? "" : ", " + byAccount.count() + " for this account",
                until == null ? "" : "; further attempts are refused for " + seconds(Duration.between(clock.instant(), until)) + " s");
    }

    void succeeded(String account) {
        accounts.invalidate(key(account));
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        if (event.getAuthentication().getDetails() instanceof Attempt attempt) {
            failed(attempt.kind(), attempt.client(), event.getAuthentication().getName());
        }
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getDetails() instanceof Attempt) {
            succeeded(event.getAuthentication().getName());
        }
    }

    private Failures next(Failures previous) {
        int count = previous == null ? 1 : previous.count() + 1;
        if (count < settings.freeFailures()) {
            return new Failures(count, null);
        }
        int doublings = Math.min(30, count - settings.freeFailures());
        Duration block = settings.firstBlock().multipliedBy(1L << doublings);
        return new Failures(count, clock.instant().plus(block.compareTo(settings.maxBlock()) > 0 ? settings.maxBlock() : block));
    }

    /** Whole seconds, rounded up: what {@code Retry-After} says too. */
    static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private static Instant until(Failures failures) {
        return failures == null ? null : failures.blockedUntil();
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /** Logins are case-insensitive (the user store's rule), so are their counts. */
    private static String key(String account) {
        return account.toLowerCase(Locale.ROOT);
    }

    /** A name as the guesser sent it, made safe for one log line. */
    private static String printable(String account) {
        String clean = account.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
