package dev.mooring.control;

import dev.mooring.core.operation.ServiceException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One page of a key-ordered listing. The token is the last key returned, so a listing resumes where it stopped even
 * when rows were added meanwhile, and the last page carries no token, so every paginator ends (spec §1.3).
 */
public record Page<T>(List<T> items, String nextToken) {

    /**
     * Pages {@code sorted} (ascending by {@code key}) after {@code token}. {@code invalidToken} is the error code the
     * calling service uses for a token it never issued.
     */
    public static <T> Page<T> of(Stream<T> sorted, Function<T, String> key, String token, Integer maxResults,
                                 int defaultMax, int limit, String invalidToken) {
        int max = maxResults == null ? defaultMax : maxResults;
        if (max < 1 || max > limit) {
            throw new ServiceException(invalidToken, "maxResults must be between 1 and " + limit + ".");
        }
        String after = token == null || token.isEmpty() ? null : decode(token, invalidToken);
        List<T> window = sorted.filter(t -> after == null || key.apply(t).compareTo(after) > 0)
                .limit(max + 1L).toList();
        if (window.size() <= max) {
            return new Page<>(window, null);
        }
        List<T> items = window.subList(0, max);
        return new Page<>(List.copyOf(items), encode(key.apply(items.getLast())));
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token, String invalidToken) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (s.startsWith("v1:")) {
                return s.substring(3);
            }
        } catch (IllegalArgumentException ignored) {
            // fall through to the error below
        }
        throw new ServiceException(invalidToken, "The nextToken is not one this server issued.");
    }
}
