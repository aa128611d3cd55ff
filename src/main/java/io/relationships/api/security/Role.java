package io.relationships.api.security;

/**
 * Who may do what. ADMIN includes OPERATOR, OPERATOR includes VIEWER.
 * <ul>
 *   <li>VIEWER: queries (when reads are not open), reports</li>
 *   <li>OPERATOR: loads, syncs, drift repair, cache refresh, report files</li>
 *   <li>ADMIN: rollback, API keys</li>
 * </ul>
 */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
