package io.relationships.api;

/**
 * The paging arguments of a connection field, checked: {@code first} items after the cursor {@code after}, or the
 * {@code last} items before the cursor {@code before}. Neither {@code first} nor {@code last} means the default page
 * size from the start; both are refused (Relay allows them together, but no client means anything clear by it).
 *
 * @param first  items from the start of the range, or null when paging backward
 * @param last   items from the end of the range, or null when paging forward
 */
record Paging(Integer first, String after, Integer last, String before) {

    static Paging of(Integer first, String after, Integer last, String before, ApiProperties properties) {
        if (first != null && last != null) {
            throw new ApiException(ErrorCode.VALIDATION, "give 'first' or 'last', not both");
        }
        if (last != null) {
            return new Paging(null, after, size("last", last, properties), before);
        }
        return new Paging(first == null ? properties.defaultPageSize() : size("first", first, properties), after, null, before);
    }

    /** Forward paging from the start: the first {@code first} items (the default page size when null). */
    static Paging first(Integer first, ApiProperties properties) {
        return of(first, null, null, null, properties);
    }

    boolean backward() {
        return last != null;
    }

    /** How many items the page holds at most. */
    int size() {
        return backward() ? last : first;
    }

    private static int size(String name, int value, ApiProperties properties) {
        if (value < 0) {
            throw new ApiException(ErrorCode.VALIDATION, "'" + name + "' must not be negative");
        }
        if (value > properties.maxPageSize()) {
            throw new ApiException(ErrorCode.VALIDATION, "'" + name + "' may be at most " + properties.maxPageSize()
                    + " (relationships.api.max-page-size); page with '" + (name.equals("first") ? "after" : "before") + "' for more");
        }
        return value;
    }
}
