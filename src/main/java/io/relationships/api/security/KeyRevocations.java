package io.relationships.api.security;

import io.relationships.support.PgNotifications;
import org.springframework.stereotype.Component;

/**
 * A key revoked on any instance stops working on every one at once: {@link ApiKeys#revoke} sends its id on
 * {@link ApiKeys#REVOKED_CHANNEL}, and each instance forgets what it remembered of the key and closes the
 * WebSockets it opened. Notices sent while this instance's listening connection was down are lost: after a
 * reconnect it forgets every key it remembered and asks PostgreSQL which of its sockets' keys were revoked.
 */
@Component
class KeyRevocations {

    private final ApiKeys keys;
    private final KeyWebSockets sockets;

    KeyRevocations(PgNotifications notifications, ApiKeys keys, KeyWebSockets sockets) {
        this.keys = keys;
        this.sockets = sockets;
        notifications.subscribe(ApiKeys.REVOKED_CHANNEL, payload -> revoked(Long.parseLong(payload)), this::missedNotices);
    }

    void revoked(long id) {
        keys.forget(id);
        sockets.close(id);
    }

    private void missedNotices() {
        keys.forgetAll();
        keys.revokedAmong(sockets.keysWithSessions()).forEach(sockets::close);
    }
}
