package io.relationships.api;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import io.relationships.cache.ReadTags;
import io.relationships.cache.RelationshipCache;
import io.relationships.catalog.CatalogSearch;
import io.relationships.catalog.CatalogSearch.Hit;
import io.relationships.catalog.CatalogSearch.Kind;
import io.relationships.catalog.GroupType;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code search}: the catalog's ranked hits ({@link CatalogSearch}), each with its node from the cache (one batch per
 * kind) and its matched parts marked ({@link Highlights}). A hit the graph does not have yet (a load committed, its
 * sync not yet done) is left out rather than answered without a node.
 */
@Controller
class SearchController {

    record SearchHit(Kind kind, CatalogSearch.Match match, Object node, List<Highlights.MarkedText> label, List<Highlights.MarkedText> name) {
    }

    static final int MAX_TEXT = 100;
    static final int MAX_HITS = 50;

    private final CatalogSearch search;
    private final RelationshipCache cache;

    SearchController(CatalogSearch search, RelationshipCache cache) {
        this.search = search;
        this.cache = cache;
    }

    @QueryMapping
    List<SearchHit> search(@Argument String text, @Argument Integer first, @Argument List<Kind> kinds) {
        if (text.length() > MAX_TEXT) {
            throw new ApiException(ErrorCode.VALIDATION, "'text' may be at most " + MAX_TEXT + " characters, not " + text.length());
        }
        int limit = Arguments.first("first", first, 10, MAX_HITS);
        ReadTags.dependsOnAnyChange(); // the hits come from PostgreSQL's indexes: any load may add, rename or reorder them
        List<Hit> hits = search.search(text, kinds == null || kinds.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(kinds), limit);
        Map<Kind, List<String>> labels = new EnumMap<>(Kind.class);
        hits.forEach(hit -> labels.computeIfAbsent(hit.kind(), k -> new ArrayList<>()).add(hit.label()));
        Map<Kind, Map<String, ?>> nodes = new EnumMap<>(Kind.class);
        labels.forEach((kind, keys) -> nodes.put(kind, kind == Kind.STOCK ? cache.getStocks(keys) : cache.getGroups(GroupType.valueOf(kind.name()), keys)));
        Highlights highlights = new Highlights(text);
        List<SearchHit> found = new ArrayList<>(hits.size());
        for (Hit hit : hits) {
            Object node = nodes.get(hit.kind()).get(hit.label());
            if (node != null) {
                found.add(new SearchHit(hit.kind(), hit.match(), node, highlights.label(hit.label()), highlights.name(hit.name())));
            }
        }
        return found;
    }
}
