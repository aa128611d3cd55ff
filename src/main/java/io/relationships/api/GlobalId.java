package io.relationships.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A {@code Node}'s global id: its GraphQL type and its key (a symbol, a group's key), opaque to clients (base64url of
 * {@code Stock:AAPL}). Stable because both parts are: a stock keeps its symbol and a group its key for as long as
 * they exist.
 */
record GlobalId(String type, String key) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((type + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    static GlobalId decode(String id) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0 && colon < decoded.length() - 1) {
                return new GlobalId(decoded.substring(0, colon), decoded.substring(colon + 1));
            }
        } catch (IllegalArgumentException notBase64) {
            // said below
        }
        throw new ApiException(ErrorCode.VALIDATION, "'" + (id.length() > 60 ? id.substring(0, 60) + "…" : id)
                + "' is not an id this API issued");
    }
}
