package io.relationships.graph;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.neo4j.driver.Bookmark;
import org.neo4j.driver.BookmarkManager;
import org.neo4j.driver.BookmarkManagerConfig;
import org.neo4j.driver.BookmarkManagers;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.springframework.stereotype.Component;

/**
 * Every Neo4j session of this instance, chained by one bookmark manager: a read waits until the database it runs on
 * has what this instance wrote before it (causal consistency, on a cluster where reads go to followers too). The
 * bookmarks of another instance's sync arrive with its cache notices ({@link #learn}), so that reads here wait for
 * that sync's writes as well. Against a single server, bookmarks cost nothing.
 */
@Component
public class GraphSessions {

    private final Driver driver;
    private final BookmarkManager bookmarks = BookmarkManagers.defaultManager(BookmarkManagerConfig.builder().build());

    GraphSessions(Driver driver) {
        this.driver = driver;
    }

    /** A session that reads after everything this instance wrote or learned of. */
    Session open() {
        return driver.session(SessionConfig.builder().withBookmarkManager(bookmarks).build());
    }

    /** What this instance's reads wait for, to hand to the other instances. */
    public Set<String> bookmarks() {
        return bookmarks.getBookmarks().stream().map(Bookmark::value).collect(Collectors.toUnmodifiableSet());
    }

    /** Another instance wrote up to these bookmarks: reads here wait for them from now on. */
    public void learn(Collection<String> values) {
        if (!values.isEmpty()) {
            bookmarks.updateBookmarks(Set.of(), values.stream().map(Bookmark::from).collect(Collectors.toUnmodifiableSet()));
        }
    }
}
