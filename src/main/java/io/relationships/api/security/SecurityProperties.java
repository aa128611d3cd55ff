package io.relationships.api.security;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Access settings ({@code relationships.security.*}).
 *
 * @param openReads        queries without credentials (the default in embedded mode only; production asks for a key)
 * @param bootstrapApiKey  a key with role ADMIN for automation ({@code RELATIONSHIPS_SECURITY_BOOTSTRAP_API_KEY})
 * @param printDevKey      when no key exists at start-up, make an ADMIN key and print it once (embedded mode only)
 * @param adminUser        the admin page's login (HTTP Basic or the form); its password in {@code admin-password}
 * @param adminPassword    the admin page's password; unset, one is generated and printed at start-up in embedded mode
 * @param users            more logins for the admin page, by name: a role and a password (plain, or encoded as
 *                         {@code {bcrypt}…}); a VIEWER sees the figures and no action buttons
 * @param throttle         how failed logins and wrong API keys slow down whoever sends them
 */
@Validated
@ConfigurationProperties("relationships.security")
public record SecurityProperties(
        @DefaultValue("false") boolean openReads,
        String bootstrapApiKey,
        @DefaultValue("false") boolean printDevKey,
        @DefaultValue("admin") String adminUser,
        String adminPassword,
        Map<String, PageUser> users,
        @DefaultValue @Valid Throttle throttle) {

    public SecurityProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
    }

    public record PageUser(String password, @DefaultValue("VIEWER") Role role) {
    }

    /**
     * Failed authentications, counted per client address and per account (in this instance's memory). After
     * {@code freeFailures} in a row, every attempt is refused unchecked (429) for {@code firstBlock}, doubling with
     * each further failure up to {@code maxBlock}; a count is forgotten {@code forgetAfter} after its last failure,
     * and an account's when it logs in.
     *
     * @param freeFailures failures in a row before attempts are refused unchecked
     * @param firstBlock   how long the first refusal lasts
     * @param maxBlock     the longest a refusal lasts (it doubles with each further failure)
     * @param forgetAfter  a count is forgotten this long after its last failure
     */
    public record Throttle(
            @DefaultValue("5") @PositiveOrZero int freeFailures,
            @DefaultValue("1s") Duration firstBlock,
            @DefaultValue("5m") Duration maxBlock,
            @DefaultValue("15m") Duration forgetAfter) {
    }
}
