package dev.mooring.api.restxml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One operation's HTTP binding, as the service's model declares it with Smithy's {@code @http}, {@code @httpLabel}
 * and {@code @httpQuery} traits: method, path template with {@code {Label}}s (each a member of the same name;
 * {@code {Label+}} is greedy), the
 * query parameters that carry members, and the success status.
 */
public record HttpBinding(String operation, String method, String pathTemplate, int status,
                          Map<String, String> queryMembers) {
    /** {@code {Name}}, or {@code {Name+}} for a greedy label that may hold slashes (Smithy's syntax). */
    private static final Pattern LABEL = Pattern.compile("\\{([A-Za-z]+)(\\+?)}");

    public HttpBinding {
        queryMembers = Map.copyOf(queryMembers);
    }

    /** The labels' values when {@code path} (without a trailing slash) matches this binding's template. */
    public Optional<Map<String, String>> match(String method, String path) {
        if (!this.method.equals(method)) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        Matcher m = LABEL.matcher(pathTemplate);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(pathTemplate.substring(last, m.start())))
                    .append(m.group(2).isEmpty() ? "([^/]+)" : "(.+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(pathTemplate.substring(last)));
        Matcher p = Pattern.compile(regex.toString()).matcher(path);
        if (!p.matches()) {
            return Optional.empty();
        }
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            labels.put(names.get(i), p.group(i + 1));
        }
        return Optional.of(labels);
    }
}
