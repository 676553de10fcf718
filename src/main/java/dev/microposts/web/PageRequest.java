package dev.microposts.web;

/**
 * Which page of a list a client asked for: the items before {@code cursor}, at most {@code limit}.
 */
public record PageRequest(Cursor cursor, int limit) {

    /** Reads the {@code cursor} and {@code limit} query parameters, within the configured bounds. */
    public static PageRequest of(String cursor, Integer limit, ApiLimits limits) {
        int size = limit == null ? limits.defaultPageSize() : limit;
        if (size < 1 || size > limits.maxPageSize()) {
            throw ApiProblem.invalid("limit", "must be between 1 and " + limits.maxPageSize());
        }
        return new PageRequest(Cursor.decode(cursor), size);
    }
}
