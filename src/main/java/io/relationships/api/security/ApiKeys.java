package io.relationships.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.relationships.support.PgNotifications;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * API keys: {@code rk_} followed by 32 random bytes, shown once when made and kept only as a SHA-256 (table
 * {@code api_keys}). A key is never logged; the first eight characters identify it in listings.
 */
@Service
public class ApiKeys {

    public record ApiKey(long id, String name, Role role, String prefix, OffsetDateTime createdAt, String createdBy,
                         OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {
    }

    /** A new key and its record: the only time the key itself is available. */
    public record Created(ApiKey record, String key) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    static final Duration REMEMBER = Duration.ofSeconds(30);
    /** Every instance hears of a revocation here (the key's id), and forgets the key and closes its WebSockets. */
    static final String REVOKED_CHANNEL = "api_key_revoked";

    private final JdbcClient jdbc;
    private final PgNotifications notifications;
    private final Cache<String, Optional<ApiKey>> recent = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(REMEMBER).build();
    private final Cache<Long, Boolean> touched = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(1)).build();

    /**
     * A VIEWER key that exists only in this process's memory, for its own loopback requests (the start-up warm-up
     * of the HTTP path): never stored, logged or sent anywhere but 127.0.0.1.
     */
    private final String internalKey = newKey();
    private final ApiKey internal = new ApiKey(0, "internal warm-up", Role.VIEWER, "internal", OffsetDateTime.now(), "the service",
            null, null);

    ApiKeys(JdbcClient jdbc, PgNotifications notifications) {
        this.jdbc = jdbc;
        this.notifications = notifications;
    }

    /** The in-memory key of this process's own loopback requests (see {@link #authenticate}). */
    public String internalKey() {
        return internalKey;
    }

    /** Whether {@code key} is this process's in-memory key. */
    public boolean isInternal(String key) {
        return key != null && MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), internalKey.getBytes(StandardCharsets.UTF_8));
    }

    private static String newKey() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "rk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    @PreAuthorize("hasRole('ADMIN')")
    public Created create(String name, Role role, String createdBy) {
        String key = newKey();
        return new Created(store(name, role, key, createdBy), key);
    }

    /** Registers a key given by configuration (the bootstrap key), unless it is registered already. */
    ApiKey register(String name, Role role, String key) {
        return find(key).orElseGet(() -> store(name, role, key, "configuration"));
    }

    private ApiKey store(String name, Role role, String key, String createdBy) {
        long id = jdbc.sql("insert into api_keys (name, role, key_hash, key_prefix, created_by) values (?, ?, ?, ?, ?) returning id")
                .params(name, role.name(), hash(key), key.substring(0, Math.min(8, key.length())), createdBy).query(Long.class).single();
        recent.invalidate(hash(key));
        return get(id).orElseThrow();
    }

    /**
     * The active key's record, if {@code key} is one; records (at most once a minute) when it was last used.
     * Look-ups are remembered for {@link #REMEMBER}, so that a script's every request does not cost a query: a key
     * revoked on another instance stops working here when the notice of it arrives ({@link KeyRevocations}), and
     * within that time should the notice be lost.
     */
    public Optional<ApiKey> authenticate(String key) {
        if (isInternal(key)) {
            return Optional.of(internal);
        }
        Optional<ApiKey> found = recent.get(hash(key), this::findByHash).filter(k -> k.revokedAt() == null);
        found.ifPresent(k -> {
            if (touched.asMap().putIfAbsent(k.id(), Boolean.TRUE) == null) {
                jdbc.sql("update api_keys set last_used_at = now() where id = ?").param(k.id()).update();
            }
        });
        return found;
    }

    private Optional<ApiKey> find(String key) {
        return findByHash(hash(key));
    }

    private Optional<ApiKey> findByHash(String keyHash) {
        return jdbc.sql("select * from api_keys where key_hash = ?").param(keyHash).query(ApiKeys::row).optional();
    }

    @PreAuthorize("hasRole('ADMIN')")
    public boolean revoke(long id) {
        boolean revoked = jdbc.sql("update api_keys set revoked_at = now() where id = ? and revoked_at is null").param(id).update() == 1;
        // per key: Caffeine waits for a look-up of that key in flight, so a stale answer cannot be put back after this
        jdbc.sql("select key_hash from api_keys where id = ?").param(id).query(String.class).optional().ifPresent(recent::invalidate);
        if (revoked) {
            notifications.notify(REVOKED_CHANNEL, Long.toString(id));
        }
        return revoked;
    }

    /** Drops what this instance remembers of key {@code id} (revoked elsewhere): its next use is looked up. */
    void forget(long id) {
        recent.asMap().values().removeIf(found -> found.isPresent() && found.get().id() == id);
    }

    /** Drops everything remembered (notices of revocations may have been missed). */
    void forgetAll() {
        recent.invalidateAll();
    }

    /** Which of {@code ids} are revoked. */
    Set<Long> revokedAmong(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select id from api_keys where revoked_at is not null and id = any(?)")
                .param(ids.toArray(Long[]::new)).query(Long.class).list());
    }

    @PreAuthorize("hasRole('ADMIN')")
    public List<ApiKey> list() {
        return jdbc.sql("select * from api_keys order by id").query(ApiKeys::row).list();
    }

    public Optional<ApiKey> get(long id) {
        return jdbc.sql("select * from api_keys where id = ?").param(id).query(ApiKeys::row).optional();
    }

    public boolean anyActive() {
        return jdbc.sql("select exists (select 1 from api_keys where revoked_at is null)").query(Boolean.class).single();
    }

    private static ApiKey row(ResultSet rs, int n) throws SQLException {
        return new ApiKey(rs.getLong("id"), rs.getString("name"), Role.valueOf(rs.getString("role")), rs.getString("key_prefix"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getString("created_by"), rs.getObject("last_used_at", OffsetDateTime.class),
                rs.getObject("revoked_at", OffsetDateTime.class));
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
