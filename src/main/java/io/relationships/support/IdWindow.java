package io.relationships.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One page of a table read in id order (runs, findings, the change log, quality snapshots): the rows after the row
 * {@code after} and before the row {@code before} in the list's order (either may be null), the first {@code limit} of
 * them, or the last {@code limit} when {@code fromEnd}. A keyset read: a row written meanwhile moves no other row in
 * or out of the page, as an offset would.
 */
public record IdWindow(Long after, Long before, int limit, boolean fromEnd) {

    /**
     * The condition and order to append to a query whose {@code where} clause comes before: on {@code column}, for a list
     * newest (highest id) first or oldest first. Binds {@code :after}, {@code :before} and {@code :limit}.
     */
    public String sql(String column, boolean newestFirst) {
        String following = newestFirst ? "<" : ">";
        String preceding = newestFirst ? ">" : "<";
        boolean descending = newestFirst != fromEnd;
        return " and (cast(:after as bigint) is null or " + column + " " + following + " :after)"
                + " and (cast(:before as bigint) is null or " + column + " " + preceding + " :before)"
                + " order by " + column + (descending ? " desc" : "") + " limit :limit";
    }

    public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
        return statement.param("after", after).param("before", before).param("limit", limit);
    }

    /** The rows as read, in the list's order (a read from the end comes back reversed). */
    public <T> List<T> inListOrder(List<T> rows) {
        if (!fromEnd) {
            return rows;
        }
        List<T> reversed = new ArrayList<>(rows);
        Collections.reverse(reversed);
        return reversed;
    }
}
