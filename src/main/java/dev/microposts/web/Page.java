package dev.microposts.web;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One page of a list and where the next one starts ({@code null} on the last page).
 *
 * <p>Repositories fetch {@code limit + 1} rows and call {@link #of}, which keeps {@code limit} and
 * derives the next cursor from the last kept item. It is plain data; {@link PagedResponses} turns it into an
 * API answer.
 */
public record Page<T>(List<T> items, Cursor next) {

    public static <T> Page<T> of(List<T> rows, int limit, ToLongFunction<T> id) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), new Cursor(id.applyAsLong(items.get(limit - 1))));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), next);
    }
}
